import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (this file lives in `test/packaging/support/`). */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/**
 * The fields of `package.json` the packaging rules read.
 * @internal
 */
export interface PackageManifest {
  name: string;
  version: string;
  type?: string;
  main?: string;
  types?: string;
  exports?: Record<string, string | Record<string, string>>;
  bin?: string | Record<string, string>;
  files?: string[];
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * The package exactly as `npm pack` publishes it, unpacked.
 * @internal
 */
export interface BuiltPackage {
  /** Temporary root holding everything below; removed by `cleanup()`. */
  workDir: string;
  tarball: string;
  /** The unpacked tarball: what an app's `node_modules` would hold. */
  root: string;
  manifest: PackageManifest;
  /** Every file in the tarball, relative to `root`, `/`-separated. */
  files: string[];
  cleanup(): Promise<void>;
}

/**
 * Builds `lib/` into a temporary copy of the package (the working tree's
 * `dist/` is never touched: others build and test in it concurrently),
 * packs it with `npm pack` and unpacks the tarball.
 * @internal
 */
export async function buildPackage(): Promise<BuiltPackage> {
  const workDir = await mkdtemp(join(tmpdir(), 'nestjs-operon-pack-'));
  const cleanup = () => rm(workDir, { recursive: true, force: true });
  try {
    return { ...(await buildAndPack(workDir)), workDir, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function buildAndPack(
  workDir: string,
): Promise<Omit<BuiltPackage, 'workDir' | 'cleanup'>> {
  const stage = join(workDir, 'stage');
  await mkdir(stage);
  const manifestText = await readFile(join(REPO_ROOT, 'package.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as PackageManifest;
  await copyPublishedSources(manifest, stage);
  const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
  const tsconfig = join(REPO_ROOT, 'tsconfig.build.json');
  const outDir = join(stage, 'dist');
  await run(process.execPath, [tsc, '-p', tsconfig, '--outDir', outDir], {
    cwd: REPO_ROOT,
  });
  const packed = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir],
    { cwd: stage },
  );
  const [info] = JSON.parse(packed.stdout) as NpmPackInfo[];
  const tarball = join(workDir, info!.filename);
  await run('tar', ['-xzf', tarball, '-C', workDir], { cwd: workDir });
  const root = join(workDir, 'package');
  const published = await readFile(join(root, 'package.json'), 'utf8');
  return {
    tarball,
    root,
    manifest: JSON.parse(published) as PackageManifest,
    files: info!.files.map((file) => file.path).sort(),
  };
}

interface NpmPackInfo {
  filename: string;
  files: { path: string }[];
}

// Whatever `files` lists besides the build output, plus what npm always
// publishes when present (README, LICENSE).
async function copyPublishedSources(
  manifest: PackageManifest,
  stage: string,
): Promise<void> {
  const always = ['package.json', 'README.md', 'LICENSE', 'LICENSE.md'];
  const listed = (manifest.files ?? []).filter(
    (entry) => entry !== 'dist' && !entry.startsWith('dist/'),
  );
  for (const entry of new Set([...always, ...listed])) {
    const from = join(REPO_ROOT, entry);
    if (existsSync(from))
      await cp(from, join(stage, entry), { recursive: true });
  }
}

/**
 * Runs a command and resolves with its output; rejects with the command
 * line and both streams, so a failing install or build explains itself.
 * @internal
 */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs?: number },
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: childEnv(),
        timeout: options.timeoutMs ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error === null) return done({ stdout, stderr });
        const line = [command, ...args].join(' ');
        const why = error.killed ? 'timed out' : `exit code ${error.code}`;
        const detail = `${stdout}\n${stderr}`.trim().slice(-8000);
        fail(new Error(`${line} failed (${why}):\n${detail}`));
      },
    );
  });
}

// Under `npm test` the parent npm exports its own project context; a nested
// npm or node must see the scratch directory as the project instead.
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      key.startsWith('npm_package_') ||
      key.startsWith('npm_lifecycle_') ||
      ['npm_config_local_prefix', 'npm_command', 'INIT_CWD'].includes(key)
    ) {
      delete env[key];
    }
  }
  delete env.NODE_OPTIONS;
  return env;
}
