import type { IncomingMessage } from 'node:http';
import type {
  OperonEmulatorClaims,
  TokenIssuer,
} from '../crypto/token.issuer.js';
import { EmulatorHttpError } from './emulator-http.error.js';

/**
 * Verifies the bearer token of a request and returns its claims.
 * @throws {EmulatorHttpError} 401 `INVALID_TOKEN` or `SESSION_EXPIRED`.
 * @internal
 */
export function authenticate(
  req: IncomingMessage,
  tokens: TokenIssuer,
): OperonEmulatorClaims {
  const match = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match?.[1] === undefined) {
    throw new EmulatorHttpError(401, 'INVALID_TOKEN', 'bearer token required', {
      'www-authenticate': 'Bearer',
    });
  }
  const check = tokens.verify(match[1]);
  if (!check.valid) {
    throw new EmulatorHttpError(401, check.code, check.message, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }

  return check.claims;
}
