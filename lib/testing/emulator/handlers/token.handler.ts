import { timingSafeEqual } from 'node:crypto';
import {
  EmulatorHttpError,
  parseJsonObject,
} from '../http/emulator-http.error.js';
import { appClaims } from '../realm/app-claims.util.js';
import type { EmulatorHandler, EmulatorRequest } from './handler.types.js';

interface TokenRequest {
  grantType?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
  audience: string[];
}

function invalidRequest(message: string): EmulatorHttpError {
  return new EmulatorHttpError(400, 'INVALID_REQUEST', message);
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalidRequest(`${name} must be a string`);
  }

  return value;
}

function fromJson(body: Buffer): TokenRequest {
  const json = parseJsonObject(body);
  const audience = json.audience ?? [];
  const list = typeof audience === 'string' ? [audience] : audience;
  if (!Array.isArray(list) || list.some((a) => typeof a !== 'string')) {
    throw invalidRequest('audience must be an array of strings');
  }

  return {
    grantType: optionalString(json.grant_type, 'grant_type'),
    clientId: optionalString(json.client_id, 'client_id'),
    clientSecret: optionalString(json.client_secret, 'client_secret'),
    scope: optionalString(json.scope, 'scope'),
    audience: list as string[],
  };
}

function fromForm(body: Buffer): TokenRequest {
  // URLSearchParams is order-agnostic and decodes `+` as a space, as form
  // encoding requires (PROTOCOL §2.1).
  const form = new URLSearchParams(body.toString('utf8'));

  return {
    grantType: form.get('grant_type') ?? undefined,
    clientId: form.get('client_id') ?? undefined,
    clientSecret: form.get('client_secret') ?? undefined,
    scope: form.get('scope') ?? undefined,
    audience: form.getAll('audience'),
  };
}

function parseRequest(req: EmulatorRequest): TokenRequest {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const looksJson = req.body.toString('utf8').trimStart().startsWith('{');

  return type.includes('json') || (!type && looksJson)
    ? fromJson(req.body)
    : fromForm(req.body);
}

function basicCredentials(header: string | undefined) {
  const match = /^basic\s+(\S+)\s*$/i.exec(header ?? '');
  const decoded = Buffer.from(match?.[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return undefined;
  }

  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);

  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * E1: client-credentials token, form + Basic or legacy JSON (§2.1, §2.2).
 * @internal
 */
export const handleToken: EmulatorHandler = (req, ctx) => {
  const request = parseRequest(req);
  const basic = basicCredentials(req.headers.authorization);
  const clientId = basic?.id ?? request.clientId ?? '';
  const secret = basic?.secret ?? request.clientSecret ?? '';
  const app = ctx.realm.findApp(clientId);
  if (app?.clientId !== clientId || !sameSecret(app.clientSecret, secret)) {
    throw new EmulatorHttpError(
      401,
      'INVALID_CLIENT',
      'invalid client credentials',
      { 'www-authenticate': 'Basic realm="operon-emulator"' },
    );
  }
  if (request.grantType === undefined || request.grantType === '') {
    throw invalidRequest('grant_type is required');
  }
  if (request.grantType !== 'client_credentials') {
    throw new EmulatorHttpError(
      400,
      'UNSUPPORTED_GRANT_TYPE',
      `grant_type ${request.grantType} is not supported`,
    );
  }
  const lifetime =
    app.tokenLifetimeSeconds ?? ctx.settings.tokenLifetimeSeconds;
  const scope = request.scope?.trim() || undefined;
  const audience = request.audience.filter((entry) => entry.trim() !== '');
  const accessToken = ctx.tokens.issue(
    {
      ...appClaims(ctx.realm, app),
      scope,
      aud: audience.length > 0 ? audience : undefined,
    },
    lifetime,
  );

  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: lifetime,
      scope,
    },
    headers: { 'cache-control': 'no-store' },
  };
};
