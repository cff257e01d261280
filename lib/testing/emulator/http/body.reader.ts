import type { IncomingMessage } from 'node:http';

/**
 * Result of reading a request body under a size cap.
 * @internal
 */
export interface ReadBody {
  body: Buffer;
  /** The body exceeded the cap; `body` holds only its first bytes. */
  tooLarge: boolean;
  /** The client went away or the body was too large to drain. */
  aborted: boolean;
}

/**
 * Reads the body, keeping at most `limit` bytes. An oversized body is
 * drained rather than cut off so the client can read the 413; past
 * `4 × limit` the socket is given up on.
 * @internal
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (aborted: boolean) => {
      if (settled) {
        return;
      }
      settled = true;
      const body = Buffer.concat(chunks);
      resolve({ body, tooLarge: size > limit, aborted });
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
      } else if (size > limit * 4) {
        req.pause();
        finish(true);
      }
    });
    req.on('end', () => finish(false));
    req.on('error', () => finish(true));
    req.on('close', () => finish(!req.complete));
  });
}
