import { OperonError } from '../errors/operon.error.js';

/**
 * The failure kinds of DID resolution and local JWS verification, with the
 * exact strings of the reference SDK (PROTOCOL §3.12).
 * @publicApi
 */
export const OPERON_DID_ERROR_KINDS = [
  'invalid_did',
  'unsupported_method',
  'not_found',
  'upstream_error',
  'decode_error',
  'unsupported_alg',
  'key_not_found',
  'verify_failed',
] as const;

/**
 * One of {@link OPERON_DID_ERROR_KINDS}.
 * @publicApi
 */
export type OperonDidErrorKind = (typeof OPERON_DID_ERROR_KINDS)[number];

/**
 * Where a DID failure arose: talking to the resolver (its answer), or
 * checking a JWS against a document (the signer's input).
 * @publicApi
 */
export type OperonDidErrorSource = 'resolver' | 'jws';

/**
 * Fields of an {@link OperonDidError}.
 * @publicApi
 */
export interface OperonDidErrorInit {
  kind: OperonDidErrorKind;
  source: OperonDidErrorSource;
  /** Safe text: DIDs and key IDs only, never hashes or signatures. */
  detail: string;
  did?: string;
  /** The resolver's HTTP status, for `upstream_error` answers. */
  status?: number;
  /** A sanitised `OperonError` from the HTTP layer. */
  cause?: Error;
}

/**
 * A DID could not be resolved, or a JWS did not verify against its DID
 * document. `kind` is the reference SDK's error kind; `source` tells a
 * resolver problem (`upstream_error`, or a `decode_error` of the document)
 * from a problem with the signature itself.
 * @publicApi
 */
export class OperonDidError extends OperonError {
  override readonly name = 'OperonDidError';
  readonly kind: OperonDidErrorKind;
  readonly source: OperonDidErrorSource;
  /** The DID concerned, when known. */
  readonly did?: string;
  /** HTTP status of the resolver's answer, when there was one. */
  readonly status?: number;

  constructor(init: OperonDidErrorInit) {
    super(`operon: ${init.detail} (${init.kind})`, { cause: init.cause });
    this.kind = init.kind;
    this.source = init.source;
    this.did = init.did;
    this.status = init.status;
  }
}
