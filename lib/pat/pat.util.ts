import { OperonValidationError } from '../errors/operon-validation.error.js';
import type { OperonHttpClient } from '../http/operon-http.client.js';

/**
 * The PAT trimmed (PROTOCOL §6).
 * @throws {OperonValidationError} "pat is required" when blank.
 * @internal
 */
export function requirePat(pat: string | undefined): string {
  const trimmed = typeof pat === 'string' ? pat.trim() : '';
  if (!trimmed) throw new OperonValidationError('pat is required');
  return trimmed;
}

/**
 * A GET with the PAT as bearer, retried like every read.
 * @internal
 */
export async function getWithPat(
  http: OperonHttpClient,
  url: string,
  pat: string,
): Promise<{ status: number; data: unknown }> {
  const res = await http.send<unknown>({
    method: 'GET',
    url,
    token: pat,
    idempotent: true,
  });
  return { status: res.status, data: res.data };
}
