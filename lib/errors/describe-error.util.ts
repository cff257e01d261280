const MAX_LENGTH = 2000;

/**
 * A one-line description of any thrown value that is safe to log: name,
 * code, status and message only, never request config or headers, capped at
 * 2,000 characters. Never throws.
 * @internal
 */
export function describeError(error: unknown): string {
  try {
    if (!(error instanceof Error)) return truncate(String(error));
    const fields = error as Error & { code?: unknown; status?: unknown };
    const parts = [error.name];
    if (typeof fields.status === 'number') parts.push(String(fields.status));
    if (typeof fields.code === 'string') parts.push(fields.code);
    return truncate(`${parts.join(' ')}: ${error.message}`);
  } catch {
    return 'unknown error';
  }
}

function truncate(text: string): string {
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}
