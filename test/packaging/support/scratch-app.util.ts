import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, run, type BuiltPackage } from './package-build.util.js';

/** The two kinds of app a user has; each gets its own `package.json`. */
export type AppKind = 'commonjs' | 'module';

/**
 * What a scratch app prints on its `OPERON_REPORT` line.
 * @internal
 */
export interface ScratchAppReport {
  moduleSystem: 'commonjs' | 'esm';
  packageName: string;
  nestVersion: string;
  participantDid: string | undefined;
  hasAccessToken: boolean;
  oneModuleInstance: boolean;
  tokenUrl: string;
  requests: string[];
}

/**
 * Outcome of one run of a scratch app.
 * @internal
 */
export interface ScratchAppRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  report?: ScratchAppReport;
}

// What a Nest app installs next to nestjs-operon: the required peers only,
// so a static import of an optional peer would fail the boot.
const APP_DEPENDENCIES = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/axios',
  '@nestjs/schedule',
  'axios',
  'rxjs',
  'reflect-metadata',
];

const FIXTURES: Record<AppKind, string> = {
  commonjs: 'commonjs-main.cjs',
  module: 'esm-main.mjs',
};

/**
 * The version of a package in the repository's own `node_modules`, so the
 * scratch apps follow the dependency set under test (NestJS 12, or 11 in
 * the `.ci/nest11.sh` run) and npm finds it in its cache.
 * @internal
 */
export function installedVersion(name: string): string {
  const file = join(REPO_ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string })
    .version;
}

/**
 * Installs the packed tarball and the peers into `<workDir>/apps` (one
 * `node_modules`), with a CommonJS app in `apps/commonjs` and an ESM app in
 * `apps/module`, each a `main.js` under its own `package.json` `type`.
 * @internal
 */
export async function createScratchApps(pkg: BuiltPackage): Promise<string> {
  const dir = join(pkg.workDir, 'apps');
  await mkdir(dir);
  const manifest = { name: 'operon-scratch-apps', private: true };
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
  const deps = APP_DEPENDENCIES.map(
    (name) => `${name}@${installedVersion(name)}`,
  );
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      pkg.tarball,
      ...deps,
    ],
    { cwd: dir, timeoutMs: 480_000 },
  );
  for (const kind of Object.keys(FIXTURES) as AppKind[]) {
    await mkdir(join(dir, kind));
    const appManifest = {
      name: `operon-${kind}-app`,
      private: true,
      type: kind,
    };
    await writeFile(
      join(dir, kind, 'package.json'),
      JSON.stringify(appManifest),
    );
    const fixture = join(import.meta.dirname, '../fixtures', FIXTURES[kind]);
    await copyFile(fixture, join(dir, kind, 'main.js'));
  }
  return dir;
}

/**
 * Runs `node main.js` in one scratch app and parses its report line.
 * @internal
 */
export function runScratchApp(
  appsDir: string,
  kind: AppKind,
): Promise<ScratchAppRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['main.js'],
      { cwd: join(appsDir, kind), timeout: 120_000 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : (error.code as number | null);
        const line = stdout
          .split('\n')
          .find((text) => text.startsWith('OPERON_REPORT '));
        const report = line
          ? (JSON.parse(
              line.slice('OPERON_REPORT '.length),
            ) as ScratchAppReport)
          : undefined;
        done({ exitCode, stdout, stderr, report });
      },
    );
  });
}
