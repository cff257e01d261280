import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
// Inside the repository (git-ignored `.tmp/`) so the built package finds
// its peer dependencies in the project's node_modules, as an app would.
const TMP_PARENT = join(ROOT, '.tmp');

let tmp: string;
let pkgDir: string;

beforeAll(async () => {
  await mkdir(TMP_PARENT, { recursive: true });
  tmp = await mkdtemp(join(TMP_PARENT, 'packaging-'));
  pkgDir = join(tmp, 'node_modules', 'nestjs-operon');
  await mkdir(pkgDir, { recursive: true });
  await cp(join(ROOT, 'package.json'), join(pkgDir, 'package.json'));
  // The app's own package.json stops Node from resolving 'nestjs-operon'
  // to the repository itself (package self-reference).
  await writeFile(
    join(tmp, 'package.json'),
    JSON.stringify({ name: 'packaging-app', private: true }),
  );
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--outDir', join(pkgDir, 'dist')],
    { cwd: ROOT, timeout: 150_000 },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`build failed:\n${error.stdout}${error.stderr}`);
  });
}, 180_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Runs a script in a child Node process from the temp app directory. */
async function node(file: string, source: string): Promise<unknown> {
  const path = join(tmp, file);
  await writeFile(path, source);
  const { stdout } = await run(process.execPath, [path], {
    cwd: tmp,
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

const PROBE = `
function probe(m, t) {
  const dynamicModule = m.OperonModule.forRoot({
    clientId: 'id',
    clientSecret: 'secret',
  });
  let configError = '';
  try {
    m.OperonModule.forRoot({ clientId: 'id' });
  } catch (error) {
    configError = error.name + ': ' + error.message;
  }
  return {
    forRoot: typeof m.OperonModule.forRoot,
    forRootAsync: typeof m.OperonModule.forRootAsync,
    moduleIsOperon: dynamicModule.module === m.OperonModule,
    auth: typeof m.OperonAuthService,
    configError,
    emulator: typeof t.OperonEmulator,
  };
}
`;

const EXPECTED = {
  forRoot: 'function',
  forRootAsync: 'function',
  moduleIsOperon: true,
  auth: 'function',
  configError:
    'OperonConfigurationError: OperonModule: options.clientSecret is ' +
    'required. Set clientId and clientSecret, or pass a tokenProvider instead.',
  emulator: 'function',
};

describe('the built package', () => {
  it('loads with import() from an ES module', async () => {
    const result = await node(
      'esm-app.mjs',
      `import 'reflect-metadata';
${PROBE}
const m = await import('nestjs-operon');
const t = await import('nestjs-operon/testing');
console.log(JSON.stringify(probe(m, t)));
`,
    );
    expect(result).toEqual(EXPECTED);
  });

  it('loads with require() from CommonJS (require(esm))', async () => {
    const result = await node(
      'cjs-app.cjs',
      `require('reflect-metadata');
${PROBE}
const m = require('nestjs-operon');
const t = require('nestjs-operon/testing');
const pkg = require('nestjs-operon/package.json');
import('nestjs-operon').then((esm) => {
  console.log(JSON.stringify({
    ...probe(m, t),
    name: pkg.name,
    sameModule: esm.OperonModule === m.OperonModule,
  }));
});
`,
    );
    expect(result).toEqual({
      ...EXPECTED,
      name: 'nestjs-operon',
      sameModule: true,
    });
  });
});
