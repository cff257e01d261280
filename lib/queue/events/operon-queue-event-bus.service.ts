import { Inject, Injectable, type LoggerService } from '@nestjs/common';
import { filter, type Observable, Subject } from 'rxjs';
import { describeError } from '../../errors/describe-error.util.js';
import { createOperonLogger } from '../../utils/operon-logger.util.js';
import { OPERON_QUEUE_RESOLVED_OPTIONS } from '../operon-queue.constants.js';
import type { ResolvedOperonQueueOptions } from '../options/resolved-queue-options.interface.js';
import type { OperonQueueEvent } from './operon-queue-events.interface.js';

/**
 * Carries events from this instance's worker to the queue service's
 * subscribers.
 * @internal
 */
@Injectable()
export class OperonQueueEventBus {
  private readonly subject = new Subject<OperonQueueEvent>();
  private readonly logger: LoggerService;

  /** Every event, as it happens. */
  readonly events$: Observable<OperonQueueEvent> = this.subject.asObservable();

  constructor(
    @Inject(OPERON_QUEUE_RESOLVED_OPTIONS)
    options: ResolvedOperonQueueOptions,
  ) {
    // Named after the public service, where listeners are registered.
    this.logger = createOperonLogger(options, 'OperonQueueService');
  }

  emit(event: OperonQueueEvent): void {
    this.subject.next(event);
  }

  complete(): void {
    this.subject.complete();
  }

  /**
   * Calls `listener` for each event of one type. A listener that throws or
   * rejects is logged: it must not break the stream or the process.
   * @returns a function that stops the calls.
   */
  listen<E extends OperonQueueEvent>(
    type: E['type'],
    listener: (event: E) => unknown,
  ): () => void {
    const subscription = this.events$
      .pipe(filter((event): event is E => event.type === type))
      .subscribe((event) => this.callSafely(listener, event));
    return () => subscription.unsubscribe();
  }

  private callSafely<E extends OperonQueueEvent>(
    listener: (event: E) => unknown,
    event: E,
  ): void {
    const report = (error: unknown) =>
      this.logger.error(
        `${event.type} listener failed: ${describeError(error)}`,
      );
    try {
      Promise.resolve(listener(event)).catch(report);
    } catch (error) {
      report(error);
    }
  }
}
