// Tolerant readers for Operon responses: a member of the wrong JSON type is
// treated as absent instead of failing the whole response (the Node SDK's
// behaviour, PROTOCOL §10.2 row 4), so a new server field never breaks us.

/** A JSON object member bag. @internal */
export type JsonObject = Record<string, unknown>;

/**
 * The value as an object, or an empty one.
 * @internal
 */
export function asObject(value: unknown): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : {};
}

/**
 * The array members of `key` that are objects; `[]` when not an array.
 * @internal
 */
export function objectList(source: JsonObject, key: string): JsonObject[] {
  const value = source[key];
  return Array.isArray(value) ? value.map(asObject) : [];
}

/**
 * A non-empty string member, as sent (not trimmed).
 * @internal
 */
export function str(source: JsonObject, key: string): string | undefined {
  const value = source[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A finite number member.
 * @internal
 */
export function num(source: JsonObject, key: string): number | undefined {
  const value = source[key];
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

/**
 * A boolean member.
 * @internal
 */
export function bool(source: JsonObject, key: string): boolean | undefined {
  const value = source[key];
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * The string items of an array member; `[]` when absent.
 * @internal
 */
export function strList(source: JsonObject, key: string): string[] {
  const value = source[key];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * Copies of the members that are defined: keeps optional fields absent
 * rather than present with `undefined`.
 * @internal
 */
export function compact<T extends object>(value: T): T {
  // A plain loop: this runs on every submission (body and answer), and
  // `fromEntries(entries().filter())` allocates an array per member.
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) result[key] = member;
  }
  return result as T;
}
