import { SetMetadata } from '@nestjs/common';
import { OPERON_ALLOWED_SENDERS_KEY } from './operon-guards.constants.js';

/**
 * Restricts `OperonSignatureGuard` to signatures made by these DIDs on a
 * route or controller. Replaces the module's `allowedSenderDids` there;
 * with no DIDs, any sender with a valid signature is accepted.
 * @publicApi
 */
export const OperonAllowedSenders = (...dids: string[]) =>
  SetMetadata(
    OPERON_ALLOWED_SENDERS_KEY,
    dids.map((did) => did.trim()).filter(Boolean),
  );
