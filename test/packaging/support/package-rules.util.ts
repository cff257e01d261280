import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, join, posix } from 'node:path';
import type { BuiltPackage, PackageManifest } from './package-build.util.js';
import {
  scanModule,
  type ModuleReference,
  type ModuleScan,
} from './module-scan.util.js';

/** Emitted files of one kind, by path relative to the package root. */
export type ScanMap = Map<string, ModuleScan>;

/** How a bare or relative specifier relates to the published package. */
export type SpecifierClass =
  'relative' | 'builtin' | 'self' | 'required' | 'optional' | 'undeclared';

/**
 * Parses every emitted `.js` (`declarations` false) or `.d.ts` file.
 * @internal
 */
export async function scanPackage(
  pkg: BuiltPackage,
  declarations: boolean,
): Promise<ScanMap> {
  const scans: ScanMap = new Map();
  for (const file of pkg.files) {
    const isDts = file.endsWith('.d.ts');
    if (declarations ? !isDts : isDts || !file.endsWith('.js')) continue;
    const source = await readFile(join(pkg.root, file), 'utf8');
    scans.set(file, scanModule(file, source));
  }
  return scans;
}

/** `@scope/name/deep` → `@scope/name`; `name/deep` → `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Classifies a specifier against the manifest: dependencies and required
 * peers are `required`; peers marked optional are `optional`; anything else
 * bare (devDependencies included) is `undeclared`.
 * @internal
 */
export function classify(
  specifier: string,
  manifest: PackageManifest,
): SpecifierClass {
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    return 'relative';
  }
  if (specifier.startsWith('node:') || isBuiltin(specifier)) return 'builtin';
  const name = packageNameOf(specifier);
  if (name === manifest.name) return 'self';
  if (manifest.dependencies?.[name] !== undefined) return 'required';
  if (manifest.peerDependencies?.[name] === undefined) return 'undeclared';
  const optional = manifest.peerDependenciesMeta?.[name]?.optional === true;
  return optional ? 'optional' : 'required';
}

/**
 * The file a relative specifier lands on. In a `.d.ts`, `./x.js` means the
 * declaration `./x.d.ts`, as TypeScript resolves it.
 * @internal
 */
export function relativeTarget(
  from: string,
  specifier: string,
  declarations: boolean,
): string {
  const target = posix.normalize(posix.join(dirname(from), specifier));
  if (!declarations) return target;
  return target.replace(/\.js$/, '.d.ts').replace(/\.mjs$/, '.d.mts');
}

/**
 * Every file reachable from `entries` through relative references; with
 * `staticOnly`, `import()` edges are not followed (they load on demand).
 * @internal
 */
export function reachableFiles(
  entries: string[],
  scans: ScanMap,
  declarations: boolean,
  staticOnly: boolean,
): Set<string> {
  const seen = new Set<string>();
  const queue = entries.filter((entry) => scans.has(entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const ref of scans.get(file)!.references) {
      if (staticOnly && ref.kind === 'dynamic-import') continue;
      if (!ref.specifier.startsWith('.')) continue;
      const target = relativeTarget(file, ref.specifier, declarations);
      if (scans.has(target)) queue.push(target);
    }
  }
  return seen;
}

/**
 * The `exports` targets of one condition (`types`, `import`…), for the
 * subpaths given, as paths relative to the package root.
 * @internal
 */
export function exportTargets(
  manifest: PackageManifest,
  subpaths: string[],
  condition: string,
): string[] {
  return subpaths
    .map((subpath) => manifest.exports?.[subpath])
    .map((entry) => (typeof entry === 'object' ? entry[condition] : entry))
    .filter((target): target is string => typeof target === 'string')
    .map((target) => posix.normalize(target));
}

/**
 * Lists `file: specifier (reason)` for every reference `judge` rejects.
 * @internal
 */
export function offenders(
  scans: ScanMap,
  judge: (ref: ModuleReference, file: string) => string | undefined,
  only?: Set<string>,
): string[] {
  const found: string[] = [];
  for (const [file, scan] of scans) {
    if (only !== undefined && !only.has(file)) continue;
    for (const ref of scan.references) {
      const reason = judge(ref, file);
      if (reason !== undefined) {
        found.push(`${file}: ${ref.kind} '${ref.specifier}' (${reason})`);
      }
    }
  }
  return found;
}
