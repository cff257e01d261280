import type { IncomingRequest } from './incoming-request.util.js';

const BEARER = /^bearer\s+(.+)$/i;

/**
 * The PAT of a request: the `Authorization: Bearer` token, else the value
 * of the named cookie when one is configured.
 * @internal
 */
export function readSessionToken(
  req: IncomingRequest,
  cookieName: string | undefined,
): string | undefined {
  const authorization = first(req.headers.authorization);
  const bearer = BEARER.exec(authorization?.trim() ?? '')?.[1]?.trim();
  if (bearer) return bearer;
  if (!cookieName) return undefined;
  return readCookie(first(req.headers.cookie), cookieName);
}

/**
 * One cookie's value from a `Cookie` header (RFC 6265 syntax: pairs split
 * by `;`, optional quotes, percent-decoding when it is valid).
 * @internal
 */
export function readCookie(
  header: string | undefined,
  name: string,
): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const split = pair.indexOf('=');
    if (split < 0 || pair.slice(0, split).trim() !== name) continue;
    let value = pair.slice(split + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1);
    }
    return decode(value).trim() || undefined;
  }
  return undefined;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
