import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { OperonSignatureVerification } from '../signatures/signature.interface.js';
import { OPERON_SIGNATURE_PROPERTY } from './operon-guards.constants.js';

/**
 * What `OperonSignatureGuard` attaches to a request it let through.
 * @publicApi
 */
export interface OperonVerifiedSignature extends OperonSignatureVerification {
  /** The sender's DID, from the verified `X-Operon-DID` header. */
  senderDid: string;
}

/**
 * Hands the verified signature to the handler. `undefined` when
 * `OperonSignatureGuard` did not run on the route.
 * @publicApi
 */
export const OperonSignature = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<Record<string, unknown>>()[
      OPERON_SIGNATURE_PROPERTY
    ] as OperonVerifiedSignature | undefined,
);
