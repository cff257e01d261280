import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { OperonQueueModuleOptions } from './options/operon-queue-options.interface.js';

/**
 * Extras accepted by `OperonQueueModule.forRoot()` and `forRootAsync()`.
 * @publicApi
 */
export interface OperonQueueModuleExtras {
  /** Register the module globally, so feature modules need not import it. */
  isGlobal?: boolean;
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
    { isGlobal: false },
    (definition, extras) => ({ ...definition, global: extras.isGlobal }),
  )
  .build();

/**
 * Options of `OperonQueueModule.forRoot()`: the options plus extras.
 * @publicApi
 */
export type OperonQueueModuleForRootOptions = typeof OPERON_QUEUE_OPTIONS_TYPE;

/**
 * Options of `OperonQueueModule.forRootAsync()`: `imports`, `inject` and
 * one of `useFactory`, `useClass` or `useExisting`, plus `isGlobal`.
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
