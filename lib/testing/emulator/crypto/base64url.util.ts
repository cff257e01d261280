import { createHash } from 'node:crypto';

/**
 * A SHA-256 payload hash as it travels on the wire: 43 base64url characters.
 * @internal
 */
export const PAYLOAD_HASH_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

/**
 * Encodes bytes or UTF-8 text as unpadded base64url.
 * @internal
 */
export function toBase64Url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * Decodes unpadded base64url; `undefined` for any other alphabet, because
 * Node's decoder would silently skip foreign characters.
 * @internal
 */
export function fromBase64Url(text: string): Buffer | undefined {
  return BASE64URL_PATTERN.test(text)
    ? Buffer.from(text, 'base64url')
    : undefined;
}

/**
 * SHA-256 of the bytes, base64url without padding (PROTOCOL §4.3).
 * @internal
 */
export function sha256Base64Url(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('base64url');
}

/**
 * Parses base64url-encoded JSON; `undefined` when either layer is invalid.
 * @internal
 */
export function decodeJsonSegment(segment: string): unknown {
  const bytes = fromBase64Url(segment);
  if (bytes === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
