import type { ModuleMetadata } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { OperonAuthService, OperonModule } from '../../lib/index.js';
import type { OperonModuleOptions } from '../../lib/index.js';
import { OperonHttpClient } from '../../lib/http/operon-http.client.js';

/** A compiled and initialised testing module with the Operon services. */
export interface OperonTestApp {
  moduleRef: TestingModule;
  auth: OperonAuthService;
  http: OperonHttpClient;
  close(): Promise<void>;
}

/**
 * Compiles and initialises a testing module importing
 * `OperonModule.forRoot(options)`, plus any extra metadata.
 */
export async function bootOperon(
  options: OperonModuleOptions,
  extra: ModuleMetadata = {},
): Promise<OperonTestApp> {
  const moduleRef = await Test.createTestingModule({
    ...extra,
    imports: [OperonModule.forRoot(options), ...(extra.imports ?? [])],
  }).compile();
  await moduleRef.init();
  return {
    moduleRef,
    auth: moduleRef.get(OperonAuthService),
    http: moduleRef.get(OperonHttpClient),
    close: () => moduleRef.close(),
  };
}
