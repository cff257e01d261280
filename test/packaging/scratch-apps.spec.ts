import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OPERON_EMULATOR_DEFAULTS } from '../../lib/testing/index.js';
import {
  buildPackage,
  type BuiltPackage,
} from './support/package-build.util.js';
import {
  createScratchApps,
  installedVersion,
  runScratchApp,
  type AppKind,
} from './support/scratch-app.util.js';

let pkg: BuiltPackage;
let appsDir: string;

// One pack and one install (a minute or two on a cold npm cache), shared
// by both apps.
beforeAll(async () => {
  pkg = await buildPackage();
  appsDir = await createScratchApps(pkg);
}, 600_000);

afterAll(() => pkg?.cleanup());

it('installs the tarball with the required peers only', () => {
  const modules = join(appsDir, 'node_modules');
  expect(existsSync(join(modules, 'nestjs-operon/package.json'))).toBe(true);
  const meta = pkg.manifest.peerDependenciesMeta ?? {};
  const optional = Object.keys(meta).filter((name) => meta[name]?.optional);
  expect(optional.filter((name) => existsSync(join(modules, name)))).toEqual(
    [],
  );
});

it.each<[AppKind, string]>([
  ['commonjs', 'commonjs'],
  ['module', 'esm'],
])(
  'boots OperonModule in a "type": "%s" app and gets a token',
  async (kind, moduleSystem) => {
    const result = await runScratchApp(appsDir, kind);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = result.report!;
    expect(report, result.stdout).toBeDefined();
    expect(report.moduleSystem).toBe(moduleSystem);
    expect(report.packageName).toBe(pkg.manifest.name);
    expect(report.nestVersion).toBe(installedVersion('@nestjs/core'));
    expect(report.participantDid).toBe(
      OPERON_EMULATOR_DEFAULTS.participants.supplier,
    );
    expect(report.hasAccessToken).toBe(true);
    expect(report.oneModuleInstance).toBe(true);
    const tokenPath = new URL(report.tokenUrl).pathname;
    expect(report.requests).toContain(`POST ${tokenPath}`);
  },
  180_000,
);
