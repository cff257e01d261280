import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import { OPERON_QUEUE_SHARED_BULL_CONFIG } from './operon-queue.constants.js';
import type { OperonQueueModuleOptions } from './options/operon-queue-options.interface.js';
import {
  readConfigKey,
  type SharedBullConfig,
  type SharedBullConfigRef,
  sharedBullConfigToken,
} from './options/resolve-queue-options.util.js';

/**
 * Extras accepted by `OperonQueueModule.forRoot()` and `forRootAsync()`.
 * @publicApi
 */
export interface OperonQueueModuleExtras {
  /** Register the module globally, so feature modules need not import it. */
  isGlobal?: boolean;
  /**
   * Which `@nestjs/bullmq` shared configuration supplies the connection
   * when the options have no `connection`: the key given to
   * `BullModule.forRoot(configKey, …)`. Static, like `isGlobal`, so that
   * Nest creates that configuration (sync or async) before this module.
   * @default the default one, `BullModule.forRoot(config)`
   */
  configKey?: string;
}

// Injected optionally: the app may not use @nestjs/bullmq at all.
function sharedBullConfigProvider(configKey: unknown): Provider {
  const key = readConfigKey(configKey);
  return {
    provide: OPERON_QUEUE_SHARED_BULL_CONFIG,
    useFactory: (config?: SharedBullConfig): SharedBullConfigRef => ({
      configKey: key,
      config,
    }),
    inject: [{ token: sharedBullConfigToken(key), optional: true }],
  };
}

/** @internal */
export const {
  ConfigurableModuleClass: OperonQueueConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: OPERON_QUEUE_MODULE_OPTIONS,
  OPTIONS_TYPE: OPERON_QUEUE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: OPERON_QUEUE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<OperonQueueModuleOptions>({
  moduleName: 'OperonQueue',
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createOperonQueueOptions')
  .setExtras<OperonQueueModuleExtras>(
    { isGlobal: false, configKey: undefined },
    (definition, extras) => ({
      ...definition,
      global: extras.isGlobal,
      providers: [
        ...(definition.providers ?? []),
        sharedBullConfigProvider(extras.configKey),
      ],
    }),
  )
  .build();

/**
 * Options of `OperonQueueModule.forRoot()`: the options plus extras.
 * @publicApi
 */
export type OperonQueueModuleForRootOptions = typeof OPERON_QUEUE_OPTIONS_TYPE;

/**
 * Options of `OperonQueueModule.forRootAsync()`: `imports`, `inject` and
 * one of `useFactory`, `useClass` or `useExisting`, plus `isGlobal` and
 * `configKey`.
 * @publicApi
 */
export type OperonQueueModuleAsyncOptions =
  typeof OPERON_QUEUE_ASYNC_OPTIONS_TYPE;

/**
 * A class that builds the options, for `forRootAsync({ useClass })`.
 * @publicApi
 */
export interface OperonQueueOptionsFactory {
  createOperonQueueOptions():
    Promise<OperonQueueModuleOptions> | OperonQueueModuleOptions;
}
