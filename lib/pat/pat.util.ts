import { OperonValidationError } from '../errors/operon-validation.error.js';

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

/** Headers of every JSON call a PAT helper makes. @internal */
export const ACCEPT_JSON = { Accept: 'application/json' } as const;
