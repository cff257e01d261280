/**
 * Trimmed string, or `undefined` when blank or not a string.
 * @internal
 */
export function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The first non-blank value, trimmed.
 * @internal
 */
export function firstNonBlank(
  ...values: Array<string | undefined>
): string | undefined {
  for (const value of values) {
    const trimmed = clean(value);
    if (trimmed) return trimmed;
  }
  return undefined;
}

/**
 * Trimmed items with blanks and non-strings dropped.
 * @internal
 */
export function cleanList(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  return values.map(clean).filter((v): v is string => v !== undefined);
}

/**
 * Escapes one path segment (PROTOCOL §13.1: `encodeURIComponent` for all).
 * @internal
 */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
