import { Injectable } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import type { OperonQueueEvent } from './operon-queue-events.interface.js';

/**
 * Carries events from this instance's worker to the queue service's
 * subscribers.
 * @internal
 */
@Injectable()
export class OperonQueueEventBus {
  private readonly subject = new Subject<OperonQueueEvent>();

  /** Every event, as it happens. */
  readonly events$: Observable<OperonQueueEvent> = this.subject.asObservable();

  emit(event: OperonQueueEvent): void {
    this.subject.next(event);
  }

  complete(): void {
    this.subject.complete();
  }
}
