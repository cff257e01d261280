/**
 * An error answer of the emulator: thrown by handlers, written by the
 * server as `{code, message}` (PROTOCOL §3.15).
 * @internal
 */
export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'EmulatorHttpError';
  }
}

/**
 * 400 `VALIDATION_ERROR`, the code for missing or mistyped fields.
 * @internal
 */
export function validationError(message: string): EmulatorHttpError {
  return new EmulatorHttpError(400, 'VALIDATION_ERROR', message);
}

/**
 * Parses a body that must be a JSON object.
 * @internal
 */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new EmulatorHttpError(400, 'INVALID_JSON', 'body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EmulatorHttpError(
      400,
      'INVALID_JSON',
      'body must be a JSON object',
    );
  }

  return value as Record<string, unknown>;
}
