import type { OperonRequest } from '../http/operon-request.interface.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';

/**
 * The client-credentials token request (PROTOCOL §2.1, §2.2): a form body
 * with HTTP Basic authentication, or the legacy JSON body when the token URL
 * contains `/v1/session/m2m`. Scope and audience are left out when empty.
 * @internal
 */
export function buildTokenRequest(
  options: ResolvedOperonOptions,
): OperonRequest {
  const clientId = options.clientId ?? '';
  const clientSecret = options.clientSecret ?? '';
  if (options.legacyTokenRequest) {
    return {
      method: 'POST',
      url: options.tokenUrl,
      idempotent: true,
      json: {
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'client_credentials',
        ...(options.scope ? { scope: options.scope } : {}),
        ...(options.audience.length ? { audience: options.audience } : {}),
      },
    };
  }

  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (options.scope) form.append('scope', options.scope);
  for (const audience of options.audience) form.append('audience', audience);
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
  return {
    method: 'POST',
    url: options.tokenUrl,
    idempotent: true,
    body: form.toString(),
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
  };
}
