import { OPERON_SIGNATURE_HEADER_NAMES } from '../signatures/signature-headers.constants.js';
import type { OperonHeaderInput } from '../signatures/signature.interface.js';

/**
 * The parts of an Express or Fastify request the guards read.
 * @internal
 */
export interface IncomingRequest {
  headers: Record<string, string | string[] | undefined>;
  rawHeaders?: string[];
  rawBody?: unknown;
  /** Fastify keeps Node's message here. */
  raw?: { rawHeaders?: string[] };
  [property: string]: unknown;
}

/**
 * The raw body, or why there is none: `misconfigured` when a body the
 * framework parses by default arrived without `rawBody` (the app was not
 * created with `rawBody: true`), `unsupported` for any other content type
 * the app does not capture raw.
 * @internal
 */
export type RawBodyRead =
  | { body: Buffer }
  | { problem: 'misconfigured' | 'unsupported'; contentType: string };

const EMPTY = Buffer.alloc(0);
const WANTED = new Set(
  OPERON_SIGNATURE_HEADER_NAMES.map((name) => name.toLowerCase()),
);
// Nest registers raw-capturing parsers for exactly these with rawBody: true.
const DEFAULT_PARSED = new Set([
  'application/json',
  'application/x-www-form-urlencoded',
]);

/**
 * Reads `req.rawBody` as Nest's `rawBody: true` leaves it on Express and
 * Fastify. A request without a body is an empty payload.
 * @internal
 */
export function readRawBody(req: IncomingRequest): RawBodyRead {
  const raw = req.rawBody;
  if (Buffer.isBuffer(raw)) return { body: raw };
  if (raw instanceof Uint8Array) {
    return { body: Buffer.from(raw.buffer, raw.byteOffset, raw.length) };
  }
  if (!hasBody(req.headers)) return { body: EMPTY };
  const contentType = mediaType(req.headers['content-type']);
  return {
    problem: DEFAULT_PARSED.has(contentType) ? 'misconfigured' : 'unsupported',
    contentType,
  };
}

/**
 * The five signature headers with every value each was given. Read from
 * the raw header list when there is one, because Node joins a repeated
 * header into one comma-separated string, which would hide the repeat.
 * @internal
 */
export function readSignatureHeaderValues(
  req: IncomingRequest,
): OperonHeaderInput {
  const rawHeaders = req.rawHeaders ?? req.raw?.rawHeaders;
  if (!Array.isArray(rawHeaders)) return pickHeaders(req.headers);

  const found = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (!WANTED.has(name)) continue;
    found.set(name, [...(found.get(name) ?? []), rawHeaders[i + 1]!]);
  }
  const headers: Record<string, string | string[]> = {};
  for (const name of OPERON_SIGNATURE_HEADER_NAMES) {
    const values = found.get(name.toLowerCase());
    if (values) headers[name] = values.length === 1 ? values[0]! : values;
  }
  return headers;
}

function pickHeaders(headers: IncomingRequest['headers']): OperonHeaderInput {
  const picked: Record<string, string | string[] | undefined> = {};
  for (const name of OPERON_SIGNATURE_HEADER_NAMES) {
    picked[name] = headers[name.toLowerCase()];
  }
  return picked;
}

function hasBody(headers: IncomingRequest['headers']): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = Number(headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

function mediaType(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  return text.split(';')[0]!.trim().toLowerCase();
}
