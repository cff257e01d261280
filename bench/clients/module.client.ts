import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import {
  type OperonModuleOptions,
  OperonModule,
  TransactionsService,
} from '../../lib/index.js';
import {
  type BenchTarget,
  type SubmissionClient,
  benchCorrelationId,
  benchPayload,
} from './submission-client.interface.js';

/** Module options pointing at the bench server. */
export function benchModuleOptions(
  target: BenchTarget,
  overrides: OperonModuleOptions = {},
): OperonModuleOptions {
  return {
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    baseUrl: `${target.url}/client-api`,
    tokenUrl: `${target.url}/oauth2/token`,
    didResolverUrl: target.url,
    logger: false,
    ...overrides,
  };
}

/** A Nest application context with only `OperonModule` in it. */
export async function bootOperonContext(
  target: BenchTarget,
  overrides: OperonModuleOptions = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    OperonModule.forRoot(benchModuleOptions(target, overrides)),
    { logger: false },
  );
  return app.init();
}

/**
 * The client under test: `TransactionsService.submitTransaction()` with
 * managed signing, token and catalogue warmed up first.
 */
export async function createModuleClient(
  target: BenchTarget,
): Promise<SubmissionClient> {
  const app = await bootOperonContext(target);
  const transactions = app.get(TransactionsService);
  await transactions.interactions();
  return {
    name: 'nestjs-operon',
    submit: (index) =>
      transactions.submitTransaction({
        correlationId: benchCorrelationId(index),
        interactionId: target.interactionId,
        payload: benchPayload(index),
      }),
    close: () => app.close(),
  };
}
