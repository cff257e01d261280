import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { OperonQueueEventBus } from './events/operon-queue-event-bus.service.js';
import {
  OPERON_QUEUE_RESOLVED_OPTIONS,
  OPERON_QUEUE_SHARED_BULL_CONFIG,
} from './operon-queue.constants.js';
import {
  OPERON_QUEUE_MODULE_OPTIONS,
  OperonQueueConfigurableModuleClass,
  type OperonQueueModuleForRootOptions,
} from './operon-queue.module-definition.js';
import { OperonQueueService } from './operon-queue.service.js';
import { OperonQueueWorker } from './operon-queue.worker.js';
import type { OperonQueueModuleOptions } from './options/operon-queue-options.interface.js';
import {
  checkQueueOptions,
  resolveQueueOptions,
  type SharedBullConfigRef,
} from './options/resolve-queue-options.util.js';

// Validating in a factory makes forRootAsync() fail the boot, exactly like
// forRoot() fails when it is called.
const resolvedOptionsProvider: Provider = {
  provide: OPERON_QUEUE_RESOLVED_OPTIONS,
  useFactory: (
    options: OperonQueueModuleOptions,
    shared: SharedBullConfigRef,
  ) => resolveQueueOptions(options, shared),
  inject: [OPERON_QUEUE_MODULE_OPTIONS, OPERON_QUEUE_SHARED_BULL_CONFIG],
};

/**
 * Durable, shared submission of transactions on BullMQ and Redis
 * (`nestjs-operon/queue`). Provides `OperonQueueService`. Workers submit
 * through the `TransactionsService` of the `OperonModule` registered
 * anywhere in the application (global or not); an instance that only
 * enqueues does not need `OperonModule`. The Redis connection is the
 * module's own `connection` option or, without one, the one an app using
 * `@nestjs/bullmq` already registered with `BullModule.forRoot()`.
 * @publicApi
 */
@Module({
  providers: [
    resolvedOptionsProvider,
    OperonQueueEventBus,
    OperonQueueService,
    OperonQueueWorker,
  ],
  exports: [OPERON_QUEUE_MODULE_OPTIONS, OperonQueueService, OperonQueueWorker],
})
export class OperonQueueModule extends OperonQueueConfigurableModuleClass {
  /**
   * Registers the module with static options, validated right away.
   * @throws {OperonConfigurationError | TypeError} on invalid options.
   */
  static override forRoot(
    options: OperonQueueModuleForRootOptions,
  ): DynamicModule {
    const { isGlobal: _g, configKey: _k, ...moduleOptions } = options;
    checkQueueOptions(moduleOptions);
    return super.forRoot(options);
  }
}
