import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPackage,
  type BuiltPackage,
} from './support/package-build.util.js';
import {
  classify,
  exportTargets,
  offenders,
  packageNameOf,
  reachableFiles,
  scanPackage,
  type ScanMap,
} from './support/package-rules.util.js';

// `.` and `./testing` must load in an app that installed only the required
// peers; opt-in subpaths (e.g. `./queue`) may need their optional peers.
const CORE_SUBPATHS = ['.', './testing'];

let pkg: BuiltPackage;
let js: ScanMap;
let dts: ScanMap;

beforeAll(async () => {
  pkg = await buildPackage();
  js = await scanPackage(pkg, false);
  dts = await scanPackage(pkg, true);
}, 180_000);

afterAll(() => pkg?.cleanup());

const deepNestImport = (specifier: string) =>
  specifier.startsWith('@nestjs/') && specifier !== packageNameOf(specifier);

describe('runtime imports (.js)', () => {
  it('name only node builtins, dependencies and peers', () => {
    const found = offenders(js, (ref) => {
      const kind = classify(ref.specifier, pkg.manifest);
      if (kind === 'undeclared') return 'not a dependency or peer';
      if (deepNestImport(ref.specifier)) return 'deep import into @nestjs';
      return undefined;
    });
    expect(found).toEqual([]);
  });

  it('load no optional peer statically from . or ./testing', () => {
    const entries = exportTargets(pkg.manifest, CORE_SUBPATHS, 'import');
    expect(entries).toHaveLength(CORE_SUBPATHS.length);
    const graph = reachableFiles(entries, js, false, true);
    expect(graph.size).toBeGreaterThan(entries.length);
    const found = offenders(
      js,
      (ref) =>
        ref.kind !== 'dynamic-import' &&
        classify(ref.specifier, pkg.manifest) === 'optional'
          ? 'optional peer loaded by a core entry point'
          : undefined,
      graph,
    );
    expect(found).toEqual([]);
  });
});

describe('published declarations (.d.ts)', () => {
  it('reference only node builtins, dependencies and peers', () => {
    const found = offenders(dts, (ref) => {
      const kind = classify(ref.specifier, pkg.manifest);
      if (ref.kind === 'reference-path') return 'triple-slash path reference';
      if (kind === 'undeclared') return 'not a dependency or peer';
      if (deepNestImport(ref.specifier)) return 'deep import into @nestjs';
      return undefined;
    });
    expect(found).toEqual([]);
  });

  it('reference optional peers from . or ./testing only as types', () => {
    const entries = exportTargets(pkg.manifest, CORE_SUBPATHS, 'types');
    expect(entries).toHaveLength(CORE_SUBPATHS.length);
    const graph = reachableFiles(entries, dts, true, false);
    expect(graph.size).toBeGreaterThan(entries.length);
    const found = offenders(
      dts,
      (ref) =>
        !ref.typeOnly && classify(ref.specifier, pkg.manifest) === 'optional'
          ? 'optional peer without `import type`'
          : undefined,
      graph,
    );
    expect(found).toEqual([]);
  });
});
