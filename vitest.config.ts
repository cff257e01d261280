import { defineConfig } from 'vitest/config';

// Nest resolves constructor dependencies from decorator metadata, so the
// transformer must emit it exactly as tsc does.
export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    include: ['lib/**/*.spec.ts', 'test/**/*.spec.ts'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // CI also writes a JSON report, from which .ci/summary.mjs prints the
    // plain "N passed, N failed" line that CI logs are read for.
    ...(process.env.VITEST_JSON_REPORT
      ? {
          reporters: ['default', 'json'],
          outputFile: { json: process.env.VITEST_JSON_REPORT },
        }
      : {}),
  },
});
