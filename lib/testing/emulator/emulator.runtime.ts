import { signCompactJws } from './crypto/jws.util.js';
import { TokenIssuer } from './crypto/token.issuer.js';
import {
  resolveOptions,
  type OperonEmulatorOptions,
  type OperonEmulatorSignature,
  type OperonEmulatorSignInput,
} from './emulator.options.js';
import {
  API_BASE_PATH,
  LEGACY_TOKEN_PATH,
  TOKEN_PATH,
} from './emulator.routes.js';
import { EmulatorServer } from './emulator.server.js';
import type { EmulatorContext } from './handlers/handler.types.js';
import { FaultRegistry } from './http/fault.registry.js';
import { RequestLog } from './http/request.log.js';
import {
  OPERON_EMULATOR_DEFAULTS,
  seedDefaultRealm,
} from './realm/realm.defaults.js';
import { RealmStore } from './realm/realm.store.js';
import { TransactionStore } from './realm/transaction.store.js';

/**
 * The parts of a running emulator, wired together.
 * @internal
 */
export interface EmulatorRuntime {
  ctx: EmulatorContext;
  server: EmulatorServer;
  log: RequestLog;
  faults: FaultRegistry;
  host: string;
  port: number;
}

/**
 * Seeds the default realm, builds the stores and starts the server.
 * @throws {TypeError} for invalid options.
 * @internal
 */
export async function startRuntime(
  options: OperonEmulatorOptions,
): Promise<EmulatorRuntime> {
  const resolved = resolveOptions(options);
  const d = OPERON_EMULATOR_DEFAULTS;
  const realm = new RealmStore(d.customerId, d.workspaceId, d.orgId);
  seedDefaultRealm(realm, resolved);
  const ctx: EmulatorContext = {
    realm,
    tokens: new TokenIssuer(),
    transactions: new TransactionStore(),
    settings: {
      verifySignatures: resolved.verifySignatures,
      tokenLifetimeSeconds: resolved.tokenLifetimeSeconds,
    },
  };
  const log = new RequestLog(resolved.requestLogLimit);
  const faults = new FaultRegistry();
  const server = new EmulatorServer(ctx, faults, log, resolved.maxBodyBytes);
  const port = await server.listen(resolved.port, resolved.host);

  return { ctx, server, log, faults, host: resolved.host, port };
}

/**
 * The public URLs of an emulator listening on `host:port`. A wildcard
 * host is advertised as loopback, which is where local clients reach it.
 * @internal
 */
export function emulatorUrls(host: string, port: number) {
  const name =
    host === '0.0.0.0' || host === '::'
      ? '127.0.0.1'
      : host.includes(':')
        ? `[${host}]`
        : host;
  const origin = `http://${name}:${port}`;
  const baseUrl = `${origin}${API_BASE_PATH}`;

  return {
    baseUrl,
    tokenUrl: `${origin}${TOKEN_PATH}`,
    legacyTokenUrl: `${origin}${LEGACY_TOKEN_PATH}`,
    didResolverUrl: origin,
    heartbeatUrl: `${baseUrl}/v1/session/heartbeat`,
  };
}

/**
 * Signs a payload hash with a participant's key, exactly as E2 does.
 * @throws {Error} for an unknown signer.
 * @internal
 */
export function signAs(
  realm: RealmStore,
  input: OperonEmulatorSignInput,
): OperonEmulatorSignature {
  const algorithm = input.algorithm ?? 'EdDSA';
  const participant = realm.findParticipant(input.signer);
  const key = participant?.signingKeys.find((k) => k.algorithm === algorithm);
  if (key === undefined) {
    throw new Error(`OperonEmulator: no ${algorithm} key for ${input.signer}`);
  }

  return {
    algorithm,
    value: signCompactJws(key, input.payloadHash),
    keyId: key.keyId,
  };
}
