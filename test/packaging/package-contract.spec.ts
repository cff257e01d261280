import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPackage,
  REPO_ROOT,
  type BuiltPackage,
  type PackageManifest,
} from './support/package-build.util.js';
import {
  offenders,
  relativeTarget,
  scanPackage,
  type ScanMap,
} from './support/package-rules.util.js';

// Subpaths are read up front so each gets its own test; the packed
// manifest is checked against the same file below.
const repoManifest = JSON.parse(
  readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'),
) as PackageManifest;
const conditionalSubpaths = Object.entries(repoManifest.exports ?? {})
  .filter(([, entry]) => typeof entry === 'object')
  .map(([subpath]) => subpath);

const inPackage = (target: string) => posix.normalize(target);

let pkg: BuiltPackage;
let js: ScanMap;
let dts: ScanMap;

beforeAll(async () => {
  pkg = await buildPackage();
  js = await scanPackage(pkg, false);
  dts = await scanPackage(pkg, true);
}, 180_000);

afterAll(() => pkg?.cleanup());

describe('published manifest', () => {
  it('is the repository manifest, ESM, with main and types published', () => {
    expect(pkg.manifest).toEqual(repoManifest);
    expect(pkg.manifest.type).toBe('module');
    expect(pkg.files).toContain(inPackage(pkg.manifest.main ?? 'missing'));
    expect(pkg.files).toContain(inPackage(pkg.manifest.types ?? 'missing'));
  });

  it('declares the require(esm) engines range', () => {
    expect(pkg.manifest.engines?.node).toBe('^20.19.0 || ^22.12.0 || >=24.0.0');
  });

  it('exports ., ./testing and ./package.json', () => {
    const exportsMap = pkg.manifest.exports ?? {};
    expect(Object.keys(exportsMap)).toEqual(
      expect.arrayContaining(['.', './testing', './package.json']),
    );
    expect(exportsMap['./package.json']).toBe('./package.json');
    expect(conditionalSubpaths).toEqual(
      expect.arrayContaining(['.', './testing']),
    );
  });

  it.each(conditionalSubpaths)(
    'exports %s as types, import, require, default: one published build',
    (subpath) => {
      const conditions = pkg.manifest.exports![subpath] as Record<
        string,
        string
      >;
      const keys = Object.keys(conditions);
      expect(keys[0]).toBe('types');
      expect(keys.at(-1)).toBe('default');
      expect(keys).toEqual(expect.arrayContaining(['import', 'require']));
      expect(conditions.types).toMatch(/\.d\.ts$/);
      const runtime = keys.filter((key) => key !== 'types');
      const targets = new Set(runtime.map((key) => conditions[key]));
      expect([...targets]).toEqual([conditions.default]);
      for (const key of keys) {
        expect(pkg.files, `${subpath} ${key}`).toContain(
          inPackage(conditions[key]!),
        );
      }
    },
  );

  it('publishes its bin scripts with a node shebang', async () => {
    const bin = pkg.manifest.bin ?? {};
    const targets = typeof bin === 'string' ? [bin] : Object.values(bin);
    for (const target of targets) {
      expect(pkg.files).toContain(inPackage(target));
      const text = await readFile(join(pkg.root, target), 'utf8');
      expect(text.startsWith('#!/usr/bin/env node\n'), target).toBe(true);
    }
  });

  it('publishes dist and package metadata only, no specs or sources', () => {
    const stray = pkg.files.filter(
      (file) =>
        !/^(package\.json|README\.md|LICENSE(\.md)?)$/.test(file) &&
        !(file.startsWith('dist/') && /\.(js|d\.ts|js\.map)$/.test(file)),
    );
    expect(stray).toEqual([]);
    expect(pkg.files.filter((file) => /\.(spec|test)\./.test(file))).toEqual(
      [],
    );
    expect(js.size).toBeGreaterThan(0);
  });
});

describe('emitted modules', () => {
  it('write every relative .js import with its .js extension', () => {
    const found = offenders(js, (ref, file) => {
      if (!ref.specifier.startsWith('.')) return undefined;
      if (!ref.specifier.endsWith('.js')) return 'no .js extension';
      const target = relativeTarget(file, ref.specifier, false);
      return pkg.files.includes(target) ? undefined : 'not published';
    });
    expect(found).toEqual([]);
  });

  it('point every relative .d.ts reference at a published declaration', () => {
    const found = offenders(dts, (ref, file) => {
      if (!ref.specifier.startsWith('.')) return undefined;
      const target = relativeTarget(file, ref.specifier, true);
      return pkg.files.includes(target) ? undefined : `${target} missing`;
    });
    expect(found).toEqual([]);
  });

  it('have no top-level await, which breaks require(esm)', () => {
    const found = [...js].filter(([, scan]) => scan.topLevelAwait);
    expect(found.map(([file]) => file)).toEqual([]);
  });
});
