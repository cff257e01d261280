/**
 * Base of every error this package throws. Catch it to handle all of them:
 * - `OperonConfigurationError`: the module options are wrong;
 * - `OperonValidationError`: a request was rejected before anything was sent;
 * - `OperonApiError`: Operon answered with an HTTP status of 400 or more;
 * - `OperonTransportError`: no usable answer (timeout, reset, refused);
 * - `OperonDecodeError`: a success status with a body that cannot be used;
 * - `OperonDidError`: a DID could not be resolved or a JWS did not verify
 *   locally (`verification: 'local'`).
 *
 * Messages never contain secrets, tokens or signatures, and `cause` is never
 * an HTTP-library error (those carry the `Authorization` header).
 * @publicApi
 */
export abstract class OperonError extends Error {
  abstract override readonly name: string;

  protected constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
