import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A compiled copy of `lib/` for child processes, and its clean-up. */
export interface BuiltLib {
  dist: string;
  remove(): void;
}

/**
 * Compiles `lib/` into a temporary directory that resolves packages from
 * this repository, so a plain Node child process can load it.
 */
export async function buildLib(): Promise<BuiltLib> {
  const tmp = mkdtempSync(join(tmpdir(), 'operon-queue-'));
  const dist = join(tmp, 'dist');
  symlinkSync(join(ROOT, 'node_modules'), join(tmp, 'node_modules'), 'dir');
  writeFileSync(join(tmp, 'package.json'), '{"type":"module"}\n');
  const tsc = join(ROOT, 'node_modules/.bin/tsc');
  // Other areas' files may not type-check yet; tsc still emits them.
  await promisify(execFile)(
    tsc,
    ['-p', 'tsconfig.build.json', '--outDir', dist],
    { cwd: ROOT },
  ).catch(() => undefined);
  if (!existsSync(join(dist, 'queue/index.js'))) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error('compiling lib/ for the child process failed');
  }
  return { dist, remove: () => rmSync(tmp, { recursive: true, force: true }) };
}
