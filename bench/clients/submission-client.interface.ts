/** Where the bench server listens, and how to log in to it. */
export interface BenchTarget {
  /** `http://127.0.0.1:PORT` */
  url: string;
  clientId: string;
  clientSecret: string;
  interactionId: string;
  sourceDid: string;
  targetDid: string;
  workstreamId: string;
}

/** A way to submit one transaction (sign + submit) to the bench server. */
export interface SubmissionClient {
  readonly name: string;
  /** Submits transaction number `index` (unique correlation ID). */
  submit(index: number): Promise<unknown>;
  close(): Promise<void>;
}

/** The business payload of transaction `index`; only its hash is sent. */
export function benchPayload(index: number): Record<string, unknown> {
  return { orderId: index, amount: 4200, currency: 'EUR', note: 'bench' };
}

/** The correlation ID of transaction `index`. */
export function benchCorrelationId(index: number): string {
  return `bench-${index}`;
}
