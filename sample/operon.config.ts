import { registerAs } from '@nestjs/config';
import type { OperonModuleOptions } from 'nestjs-operon';

const list = (value: string | undefined) => value?.split(',') ?? [];

/**
 * Options of OperonModule, read from the environment. Without
 * OPERON_CLIENT_ID, main.ts starts the embedded emulator first and sets
 * these variables to point at it.
 */
export const operonConfig = registerAs('operon', (): OperonModuleOptions => ({
  clientId: process.env.OPERON_CLIENT_ID,
  clientSecret: process.env.OPERON_CLIENT_SECRET,
  // Unset or blank URLs mean Operon.Cloud's production endpoints.
  baseUrl: process.env.OPERON_BASE_URL,
  tokenUrl: process.env.OPERON_TOKEN_URL,
  didResolverUrl: process.env.OPERON_DID_RESOLVER_URL,
  // Get a token at boot: bad credentials fail the start, not a request.
  eagerInit: true,
  // Keep-alive of the session; 0 (the default) turns it off.
  sessionHeartbeatIntervalMs: Number(
    process.env.OPERON_HEARTBEAT_INTERVAL_MS || 0,
  ),
  // Senders the webhook accepts; empty accepts any valid signature.
  allowedSenderDids: list(process.env.OPERON_ALLOWED_SENDER_DIDS),
}));

/** Settings of the sample itself. */
export const sampleConfig = registerAs('sample', () => ({
  /** Interaction of order transactions; default: the first one we send. */
  interactionId: process.env.OPERON_INTERACTION_ID,
  /** Workstream to show and use; default: the token's own. */
  workstreamId: process.env.OPERON_WORKSTREAM_ID,
}));
