import { describe, expect, it } from 'vitest';
import { scanModule } from './support/module-scan.util.js';
import {
  classify,
  packageNameOf,
  relativeTarget,
} from './support/package-rules.util.js';
import type { PackageManifest } from './support/package-build.util.js';

// The packaging specs pass only if these rules see what they claim to see:
// each case here is one way a real offender would slip through.
describe('scanModule', () => {
  const specifiers = (file: string, source: string) =>
    scanModule(file, source).references.map(
      (ref) =>
        `${ref.kind} ${ref.specifier} ${ref.typeOnly ? 'type' : 'value'}`,
    );

  it('finds static, re-exported and dynamic imports in .js', () => {
    const source = [
      "import { a } from './a.js';",
      "export * from './b';",
      "export { c } from '@nestjs/common';",
      "const lazy = () => import('bullmq');",
    ].join('\n');
    expect(specifiers('x.js', source)).toEqual([
      'import ./a.js value',
      'export ./b value',
      'export @nestjs/common value',
      'dynamic-import bullmq value',
    ]);
  });

  it('ignores specifiers quoted in comments and strings', () => {
    const source = [
      "/** @example import { X } from 'not-a-dep'; */",
      'export declare const hint = "import(\'also-not\')";',
    ].join('\n');
    expect(specifiers('x.d.ts', source)).toEqual([]);
  });

  it('tells type-only references in .d.ts from value ones', () => {
    const source = [
      '/// <reference types="node" />',
      "import type { A } from 'only-types';",
      "import { type B, C } from 'mixed';",
      "export declare function f(): import('@nestjs/terminus').X;",
      "declare module '@nestjs/common' { interface Y {} }",
    ].join('\n');
    expect(specifiers('x.d.ts', source)).toEqual([
      'import only-types type',
      'import mixed value',
      'reference-types node type',
      'import-type @nestjs/terminus type',
      'declare-module @nestjs/common type',
    ]);
  });

  it('flags a top-level await, including for await and in blocks', () => {
    const topLevel = (source: string) =>
      scanModule('x.js', source).topLevelAwait;
    expect(topLevel('await ready();')).toBe(true);
    expect(topLevel('if (a) { const b = await c; }')).toBe(true);
    expect(topLevel('for await (const x of y) {}')).toBe(true);
    expect(topLevel('async function f() { await g(); }')).toBe(false);
    expect(topLevel('const f = async () => { await g(); };')).toBe(false);
    expect(topLevel('class A { async m() { await g(); } }')).toBe(false);
  });

  it('rejects a file that does not parse', () => {
    expect(() => scanModule('x.js', 'import {')).toThrow(/does not parse/);
  });
});

describe('classify', () => {
  const manifest: PackageManifest = {
    name: 'nestjs-operon',
    version: '0.0.0',
    dependencies: { tslib: '^2' },
    peerDependencies: { '@nestjs/common': '^12', bullmq: '^6' },
    peerDependenciesMeta: { bullmq: { optional: true } },
  };

  it.each([
    ['./a.js', 'relative'],
    ['node:http', 'builtin'],
    ['http', 'builtin'],
    ['nestjs-operon/testing', 'self'],
    ['tslib', 'required'],
    ['@nestjs/common', 'required'],
    ['@nestjs/common/internal', 'required'],
    ['bullmq', 'optional'],
    ['vitest', 'undeclared'],
    ['@nestjs/testing', 'undeclared'],
  ])('%s is %s', (specifier, expected) => {
    expect(classify(specifier, manifest)).toBe(expected);
  });

  it('names the package of a deep specifier', () => {
    expect(packageNameOf('@nestjs/common/internal')).toBe('@nestjs/common');
    expect(packageNameOf('rxjs/operators')).toBe('rxjs');
  });

  it('maps a .js specifier to its declaration in .d.ts files', () => {
    expect(relativeTarget('dist/a/b.d.ts', '../c.js', true)).toBe(
      'dist/c.d.ts',
    );
    expect(relativeTarget('dist/a/b.js', './c.js', false)).toBe('dist/a/c.js');
  });
});
