import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { OperonModuleOptions } from './options/operon-module-options.interface.js';

/**
 * Extras accepted by `forRoot()` and `forRootAsync()` besides the options.
 * @publicApi
 */
export interface OperonModuleExtras {
  /** Register the module globally, so feature modules need not import it. */
  isGlobal?: boolean;
}

/** @internal */
export const {
  ConfigurableModuleClass: OperonConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: OPERON_MODULE_OPTIONS,
  OPTIONS_TYPE: OPERON_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: OPERON_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<OperonModuleOptions>({
  moduleName: 'Operon',
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createOperonOptions')
  .setExtras<OperonModuleExtras>({ isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();

/**
 * Options of `OperonModule.forRoot()`: the module options plus extras.
 * @publicApi
 */
export type OperonModuleForRootOptions = typeof OPERON_OPTIONS_TYPE;

/**
 * Options of `OperonModule.forRootAsync()`: `imports`, `inject` and one of
 * `useFactory`, `useClass` or `useExisting`, plus `isGlobal`.
 * @publicApi
 */
export type OperonModuleAsyncOptions = typeof OPERON_ASYNC_OPTIONS_TYPE;

/**
 * A class that builds the options, for `forRootAsync({ useClass })`.
 * @publicApi
 */
export interface OperonOptionsFactory {
  createOperonOptions(): Promise<OperonModuleOptions> | OperonModuleOptions;
}
