import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  type LoggerService,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { OperonApiError } from '../errors/operon-api.error.js';
import { OperonError } from '../errors/operon.error.js';
import { OperonValidationError } from '../errors/operon-validation.error.js';
import { describeError } from '../errors/describe-error.util.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { PatService } from '../pat/pat.service.js';
import type { SessionInfo } from '../pat/session-info.interface.js';
import { createOperonLogger } from '../utils/operon-logger.util.js';
import { routeMetadata } from './route-metadata.util.js';
import type { IncomingRequest } from './incoming-request.util.js';
import {
  OPERON_GUARD_MESSAGES as MESSAGES,
  OPERON_PUBLIC_KEY,
  OPERON_ROLES_KEY,
  OPERON_SESSION_PROPERTY,
  OPERON_WORKSTREAM_KEY,
} from './operon-guards.constants.js';
import { OperonSessionCache } from './operon-session.cache.js';
import { readSessionToken } from './session-token.util.js';

// Statuses that describe the PAT; anything else (429, 5xx…) means Operon
// could not answer the question.
const PAT_REJECTED = new Set([400, 401, 403, 404]);

/**
 * Lets a request through when it carries a live Operon PAT: a bearer token
 * in `Authorization`, or the `sessionCookieName` cookie. Validated with
 * `PatService.validateSession()` and cached (`OperonSessionCache`).
 * `@OperonRoles()` and `@OperonWorkstream()` (or `requiredWorkstreamId`)
 * narrow who may pass. Answers 401 for a missing, invalid, expired or
 * revoked PAT, 403 for a missing role or another workstream, 503 when
 * Operon cannot be asked. Every step is `protected`, so a subclass can
 * change one.
 * @publicApi
 */
@Injectable()
export class OperonSessionGuard implements CanActivate {
  protected readonly logger: LoggerService;

  constructor(
    @Inject(PatService) protected readonly pat: PatService,
    @Inject(OperonSessionCache) protected readonly cache: OperonSessionCache,
    @Inject(Reflector) protected readonly reflector: Reflector,
    @Inject(OPERON_RESOLVED_OPTIONS)
    protected readonly options: ResolvedOperonOptions,
  ) {
    this.logger = createOperonLogger(options, OperonSessionGuard.name);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    if (this.isPublic(context)) return true;

    const req = this.getRequest(context);
    const token = this.getToken(req);
    if (!token) {
      this.logger.debug?.('session rejected: no token');
      throw new UnauthorizedException(MESSAGES.invalidSession);
    }
    const session = await this.cache.resolve(token, () => this.validate(token));
    this.checkRoles(context, session);
    this.checkWorkstream(context, session);
    req[OPERON_SESSION_PROPERTY] = session;
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

  /** The bearer PAT, else the configured cookie's value. */
  protected getToken(req: IncomingRequest): string | undefined {
    return readSessionToken(req, this.options.sessionCookieName);
  }

  /** Asks Operon, mapping its answer to 401 or 503. */
  protected async validate(token: string): Promise<SessionInfo> {
    try {
      return await this.pat.validateSession(token);
    } catch (error) {
      if (
        error instanceof OperonValidationError ||
        (error instanceof OperonApiError && PAT_REJECTED.has(error.status))
      ) {
        this.logger.debug?.(`session rejected: ${describeError(error)}`);
        throw new UnauthorizedException(MESSAGES.invalidSession);
      }
      if (!(error instanceof OperonError)) throw error;
      this.logger.warn(`session not validated: ${describeError(error)}`);
      throw new ServiceUnavailableException(MESSAGES.unavailable);
    }
  }

  /** 403 unless the session holds every role the route requires. */
  protected checkRoles(context: ExecutionContext, session: SessionInfo) {
    const required =
      routeMetadata<string[]>(this.reflector, OPERON_ROLES_KEY, context) ?? [];
    if (required.every((role) => session.roles.includes(role))) return;
    this.logger.debug?.('session rejected: missing role');
    throw new ForbiddenException(MESSAGES.missingRole);
  }

  /** 403 unless the PAT is scoped to the required workstream, if any. */
  protected checkWorkstream(context: ExecutionContext, session: SessionInfo) {
    const required =
      routeMetadata<string>(this.reflector, OPERON_WORKSTREAM_KEY, context) ??
      this.options.requiredWorkstreamId;
    if (!required || session.workstreamId === required) return;
    this.logger.debug?.('session rejected: other workstream');
    throw new ForbiddenException(MESSAGES.wrongWorkstream);
  }
}
