import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { OperonAccessToken } from '../auth/operon-claims.interface.js';
import { OperonAuthService } from '../auth/operon-auth.service.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { OperonHeartbeatService } from './operon-heartbeat.service.js';

/**
 * Startup of the client, in one place so the order is explicit rather than
 * left to Nest's hook ordering: with `eagerInit` a token first (bad
 * credentials fail the boot), then the heartbeat's first beat.
 * @publicApi
 */
@Injectable()
export class OperonLifecycleService implements OnApplicationBootstrap {
  constructor(
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
    @Inject(OperonAuthService) private readonly auth: OperonAuthService,
    @Inject(OperonHeartbeatService)
    private readonly heartbeat: OperonHeartbeatService,
  ) {}

  /**
   * Runs `init()` with `eagerInit`, else only starts the heartbeat.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   * with `eagerInit`, when no token can be obtained.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.options.eagerInit) {
      await this.init();
      return;
    }
    this.heartbeat.start();
  }

  /**
   * The official SDKs' `init()`: obtains a token (so bad credentials
   * surface now, not at the first call) and then starts the heartbeat if
   * it is enabled and not running. Safe to call again; a failure is not
   * remembered, the next call tries again.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   * when no token can be obtained, e.g. 401 `INVALID_CLIENT`.
   */
  async init(): Promise<OperonAccessToken> {
    const token = await this.auth.getToken();
    this.heartbeat.start();
    return token;
  }
}
