import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { OperonAuthService } from './auth/operon-auth.service.js';
import { OperonHealthIndicator } from './heartbeat/operon-health.indicator.js';
import { OperonHeartbeatService } from './heartbeat/operon-heartbeat.service.js';
import { OperonLifecycleService } from './heartbeat/operon-lifecycle.service.js';
import { OperonHttpClient } from './http/operon-http.client.js';
import { operonHttpServiceProvider } from './http/operon-http.provider.js';
import { OPERON_RESOLVED_OPTIONS } from './operon.constants.js';
import {
  OPERON_MODULE_OPTIONS,
  OperonConfigurableModuleClass,
  type OperonModuleForRootOptions,
} from './operon.module-definition.js';
import type { OperonModuleOptions } from './options/operon-module-options.interface.js';
import { resolveOperonOptions } from './options/resolve-options.js';
import { OperonSessionCache } from './guards/operon-session.cache.js';
import { PatService } from './pat/pat.service.js';
import { SignatureService } from './signatures/signature.service.js';
import { DidResolverService } from './dids/did-resolver.service.js';
import { TransactionsService } from './transactions/transactions.service.js';
import { WorkstreamsService } from './workstreams/workstreams.service.js';

// Validating in a factory makes forRootAsync() fail the boot, before any
// request, exactly like forRoot() fails when it is called.
const resolvedOptionsProvider: Provider = {
  provide: OPERON_RESOLVED_OPTIONS,
  useFactory: (options: OperonModuleOptions) => resolveOperonOptions(options),
  inject: [OPERON_MODULE_OPTIONS],
};

const services = [
  OperonAuthService,
  OperonHeartbeatService,
  OperonLifecycleService,
  OperonHealthIndicator,
  TransactionsService,
  WorkstreamsService,
  SignatureService,
  DidResolverService,
  PatService,
  OperonSessionCache,
];

/**
 * The Operon.Cloud client for Nest. Register it once with `forRoot()` or
 * `forRootAsync()`; it provides `OperonAuthService`, `TransactionsService`,
 * `WorkstreamsService`, `SignatureService` and `PatService`.
 * @publicApi
 */
@Module({
  providers: [
    resolvedOptionsProvider,
    operonHttpServiceProvider,
    OperonHttpClient,
    ...services,
  ],
  // The resolved options are exported for the guards, which are built in
  // the module that uses them.
  exports: [OPERON_MODULE_OPTIONS, OPERON_RESOLVED_OPTIONS, ...services],
})
export class OperonModule extends OperonConfigurableModuleClass {
  /**
   * Registers the module with static options, validated right away.
   * @throws {OperonConfigurationError | TypeError} on invalid options.
   */
  static override forRoot(options: OperonModuleForRootOptions): DynamicModule {
    // Checked before destructuring so forRoot(undefined) gets our message.
    if (typeof options !== 'object' || options === null) {
      resolveOperonOptions(options);
    }
    const { isGlobal: _isGlobal, ...moduleOptions } = options;
    resolveOperonOptions(moduleOptions);
    return super.forRoot(options);
  }
}
