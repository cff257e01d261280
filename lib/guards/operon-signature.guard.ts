import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  InternalServerErrorException,
  type LoggerService,
  ServiceUnavailableException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { SignatureService } from '../signatures/signature.service.js';
import type {
  OperonHeaderInput,
  OperonSignatureCheck,
} from '../signatures/signature.interface.js';
import { createOperonLogger } from '../utils/operon-logger.util.js';
import { routeMetadata } from './route-metadata.util.js';
import {
  type IncomingRequest,
  type RawBodyRead,
  readRawBody,
  readSignatureHeaderValues,
} from './incoming-request.util.js';
import {
  OPERON_ALLOWED_SENDERS_KEY,
  OPERON_GUARD_MESSAGES as MESSAGES,
  OPERON_PUBLIC_KEY,
  OPERON_SIGNATURE_PROPERTY,
} from './operon-guards.constants.js';
import type { OperonVerifiedSignature } from './operon-signature.decorator.js';

type Failure = Extract<OperonSignatureCheck, { valid: false }>;

/**
 * Lets a request reach its handler only when its `X-Operon-*` headers
 * carry a valid Operon signature over the exact raw body bytes, made by an
 * allowed sender. Needs the app to keep raw bodies:
 * `NestFactory.create(AppModule, { rawBody: true })`.
 *
 * Answers: 401 for missing, malformed or wrong headers and signatures
 * Operon rejects (or, with `verification: 'local'`, that fail the local
 * check or name an unknown DID); 403 for a sender outside the allow-list;
 * 415 for a body the app does not keep raw; 503 when Operon (or the DID
 * resolver) cannot be asked; 500 when the app was created without
 * `rawBody: true`. Every step is `protected`, so a subclass can change one.
 * @publicApi
 */
@Injectable()
export class OperonSignatureGuard implements CanActivate {
  protected readonly logger: LoggerService;
  private misconfigurationReported = false;

  constructor(
    @Inject(SignatureService) protected readonly signatures: SignatureService,
    @Inject(Reflector) protected readonly reflector: Reflector,
    @Inject(OPERON_RESOLVED_OPTIONS)
    protected readonly options: ResolvedOperonOptions,
  ) {
    this.logger = createOperonLogger(options, OperonSignatureGuard.name);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Only HTTP requests carry a raw body to verify: fail closed elsewhere.
    if (context.getType() !== 'http') return false;
    if (this.isPublic(context)) return true;

    const req = this.getRequest(context);
    const body = this.bodyOf(this.getRawBody(req));
    const check = await this.signatures.verifyIncoming(
      body,
      this.getSignatureHeaders(req),
    );
    if (!check.valid) this.throwFailure(check);

    const allowed = this.getAllowedSenders(context);
    if (allowed.length > 0 && !allowed.includes(check.senderDid)) {
      this.logger.debug?.('signature rejected: sender not in allow-list');
      throw new ForbiddenException(MESSAGES.senderNotAllowed);
    }
    const verified: OperonVerifiedSignature = {
      ...check.verification,
      senderDid: check.senderDid,
    };
    req[OPERON_SIGNATURE_PROPERTY] = verified;
    return true;
  }

  /** True when `@OperonPublic()` marks the route or its controller. */
  protected isPublic(context: ExecutionContext): boolean {
    return (
      routeMetadata<boolean>(this.reflector, OPERON_PUBLIC_KEY, context) ===
      true
    );
  }

  /** The Express or Fastify request. */
  protected getRequest(context: ExecutionContext): IncomingRequest {
    return context.switchToHttp().getRequest<IncomingRequest>();
  }

  /** The exact bytes the signature must cover. */
  protected getRawBody(req: IncomingRequest): RawBodyRead {
    return readRawBody(req);
  }

  /** The five signature headers, repeats kept visible. */
  protected getSignatureHeaders(req: IncomingRequest): OperonHeaderInput {
    return readSignatureHeaderValues(req);
  }

  /**
   * Sender DIDs accepted here: `@OperonAllowedSenders()` on the route or
   * controller, else the module's `allowedSenderDids`; empty accepts all.
   */
  protected getAllowedSenders(context: ExecutionContext): string[] {
    return (
      routeMetadata<string[]>(
        this.reflector,
        OPERON_ALLOWED_SENDERS_KEY,
        context,
      ) ?? this.options.allowedSenderDids
    );
  }

  /** Turns a failed check into the HTTP answer. */
  protected throwFailure(failure: Failure): never {
    if (failure.kind === 'unavailable') {
      this.logger.warn(`signature not verified: ${failure.reason}`);
      throw new ServiceUnavailableException(MESSAGES.unavailable);
    }
    this.logger.debug?.(`signature rejected: ${failure.reason}`);
    throw new UnauthorizedException(MESSAGES.invalidSignature);
  }

  private bodyOf(read: RawBodyRead): Buffer {
    if ('body' in read) return read.body;
    if (read.problem === 'unsupported') {
      // The app may add a raw-keeping parser: app.useBodyParser(type).
      this.logger.debug?.(
        `signature not checked: no raw body kept for "${read.contentType}"`,
      );
      throw new UnsupportedMediaTypeException(MESSAGES.unsupportedMediaType);
    }
    if (!this.misconfigurationReported) {
      this.misconfigurationReported = true;
      this.logger.error(
        'OperonSignatureGuard needs the raw request body, but req.rawBody ' +
          'is missing: create the app with ' +
          'NestFactory.create(AppModule, { rawBody: true }). Every signed ' +
          'request is refused until then.',
      );
    }
    throw new InternalServerErrorException(MESSAGES.misconfigured);
  }
}
