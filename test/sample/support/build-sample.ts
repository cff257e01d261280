import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

/** The sample compiled as `npm run sample` compiles it, in a temp copy. */
export interface BuiltSample {
  /** Root of the copy: package.json, dist/, dist-sample/. */
  dir: string;
  /** The entry point, `dist-sample/main.js`. */
  main: string;
  remove(): Promise<void>;
}

/**
 * Does what `npm run sample` does before starting the app, in a temporary
 * copy of the package so the shared `dist/` is never touched: compiles
 * `lib/` into `dist/`, then `sample/` into `dist-sample/`. The copy has the
 * real `package.json`, so `nestjs-operon` resolves to the copy's `dist/`
 * through the package's own `exports`, exactly as it does in the repo.
 */
export async function buildSample(): Promise<BuiltSample> {
  const dir = await mkdtemp(join(tmpdir(), 'nestjs-operon-sample-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    for (const file of ['package.json', 'tsconfig.json', 'sample']) {
      await cp(join(ROOT, file), join(dir, file), { recursive: true });
    }
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    await compileLib(dir);
    await tsc(['-p', join(dir, 'sample/tsconfig.json')], dir);
    return { dir, main: join(dir, 'dist-sample/main.js'), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

// Other areas' files may not type-check while they are being written;
// tsc still emits them, and the sample only needs what it imports.
async function compileLib(dir: string): Promise<void> {
  const config = join(ROOT, 'tsconfig.build.json');
  await tsc(['-p', config, '--outDir', join(dir, 'dist')], ROOT).catch(
    () => undefined,
  );
  for (const entry of ['index.js', 'testing/index.js']) {
    if (!existsSync(join(dir, 'dist', entry))) {
      throw new Error(`compiling lib/ failed: no dist/${entry}`);
    }
  }
}

async function tsc(args: string[], cwd: string): Promise<void> {
  const bin = join(ROOT, 'node_modules/typescript/bin/tsc');
  try {
    await run(process.execPath, [bin, ...args], { cwd, timeout: 120_000 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as {
      stdout?: string;
      stderr?: string;
    };
    throw new Error(`tsc ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}
