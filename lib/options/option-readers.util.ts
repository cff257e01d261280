import { OperonConfigurationError } from '../errors/operon-configuration.error.js';
import { clean } from '../utils/strings.util.js';
import { optionsMessages as msg } from './operon-options.messages.js';

/** Raw options as received, before validation. @internal */
export type RawOptions = Record<string, unknown>;

// Larger delays overflow Node timers, which then fire after 1 ms: a huge
// timeout would time out every request, a huge interval would spin.
const MAX_NUMBER = 2_147_483_647;

// Only the type of a non-string is shown: a clientSecret given as a number
// must not end up in a message.
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `"${value}"` : typeof value;
}

/** Optional trimmed string option. @internal */
export function readString(raw: RawOptions, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new TypeError(msg.notString(key, describe(value)));
  }
  return clean(value);
}

/**
 * Optional URL option without its trailing `/`; environment values are
 * often strings with stray spaces, so the value is trimmed first.
 * @internal
 */
export function readUrl(
  raw: RawOptions,
  key: string,
  fallback: string,
): string {
  const value = readString(raw, key) ?? fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OperonConfigurationError(msg.invalidUrl(key, value));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OperonConfigurationError(msg.invalidUrl(key, value));
  }
  return value.replace(/\/+$/, '');
}

/**
 * Optional number option. Numeric strings (environment variables) are
 * parsed explicitly; anything else that is not a finite number is refused
 * rather than silently becoming `NaN`.
 * @internal
 */
export function readNumber(
  raw: RawOptions,
  key: string,
  fallback: number,
): number {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && value.trim() === '') return fallback;
  const parsed = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
    // A number reaching here is NaN or Infinity, harmless to show.
    const got = typeof value === 'number' ? String(value) : describe(value);
    throw new OperonConfigurationError(msg.notNumber(key, got));
  }
  if (parsed > MAX_NUMBER) {
    throw new OperonConfigurationError(msg.tooLarge(key, parsed, MAX_NUMBER));
  }
  return parsed;
}

/** Number option that must be > 0. @internal */
export function readPositive(
  raw: RawOptions,
  key: string,
  fallback: number,
): number {
  const value = readNumber(raw, key, fallback);
  if (value <= 0) {
    throw new OperonConfigurationError(msg.notPositive(key, value));
  }
  return value;
}

/** Number option that must be ≥ 0. @internal */
export function readNonNegative(
  raw: RawOptions,
  key: string,
  fallback: number,
): number {
  const value = readNumber(raw, key, fallback);
  if (value < 0) throw new OperonConfigurationError(msg.negative(key, value));
  return value;
}

/** Boolean option; `"true"`/`"false"` strings are accepted. @internal */
export function readBoolean(
  raw: RawOptions,
  key: string,
  fallback: boolean,
): boolean {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  throw new TypeError(msg.notBoolean(key, describe(value)));
}

/**
 * String-list option, trimmed with blanks dropped. A comma-separated string
 * is accepted for environment variables.
 * @internal
 */
export function readList(raw: RawOptions, key: string): string[] {
  const value = raw[key];
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'string')) {
    throw new TypeError(msg.badList(key));
  }
  return items.map((i: string) => i.trim()).filter(Boolean);
}
