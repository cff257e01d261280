import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A `http://127.0.0.1:<port>` URL nothing listens on: the port is bound,
 * read and released, so a request to it is refused.
 */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
