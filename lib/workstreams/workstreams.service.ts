import { Inject, Injectable } from '@nestjs/common';
import { OperonAuthService } from '../auth/operon-auth.service.js';
import { OperonHttpClient } from '../http/operon-http.client.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import type {
  WorkstreamInteractionsResponse,
  WorkstreamParticipantsResponse,
} from './workstream-catalogue.interface.js';
import {
  readWorkstreamInteractions,
  readWorkstreamParticipants,
} from './workstream-catalogue.mapper.js';
import type { Workstream } from './workstream.interface.js';
import { readWorkstream } from './workstream.mapper.js';
import { workstreamUrl } from './workstream-url.util.js';

/**
 * Reads a workstream, its interactions and its participants (PROTOCOL
 * §3.6–3.8): the one given, else the one the token is scoped to. Use the
 * state helpers (`findState()`, `activeStates()`…) on the result.
 * @publicApi
 */
@Injectable()
export class WorkstreamsService {
  constructor(
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
    @Inject(OperonHttpClient) private readonly http: OperonHttpClient,
    @Inject(OperonAuthService) private readonly auth: OperonAuthService,
  ) {}

  /**
   * The workstream with its state catalogue.
   * @param workstreamId overrides the token's workstream when not blank.
   * @throws {OperonValidationError} when neither names a workstream.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async getWorkstream(workstreamId?: string): Promise<Workstream> {
    return readWorkstream(await this.get(workstreamId, ''));
  }

  /**
   * The workstream's interactions (first page, as Operon sends it).
   * @param workstreamId overrides the token's workstream when not blank.
   * @throws {OperonValidationError} when neither names a workstream.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async getWorkstreamInteractions(
    workstreamId?: string,
  ): Promise<WorkstreamInteractionsResponse> {
    return readWorkstreamInteractions(
      await this.get(workstreamId, '/interactions'),
    );
  }

  /**
   * The workstream's participants (first page, as Operon sends it).
   * @param workstreamId overrides the token's workstream when not blank.
   * @throws {OperonValidationError} when neither names a workstream.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async getWorkstreamParticipants(
    workstreamId?: string,
  ): Promise<WorkstreamParticipantsResponse> {
    return readWorkstreamParticipants(
      await this.get(workstreamId, '/participants'),
    );
  }

  private async get(
    override: string | undefined,
    suffix: string,
  ): Promise<unknown> {
    const token = await this.auth.getToken();
    const url = workstreamUrl(
      this.options.baseUrl,
      override,
      token.claims.workstreamId,
      suffix,
    );
    const res = await this.http.send({
      method: 'GET',
      url,
      token: token.accessToken,
      idempotent: true,
    });
    return res.data;
  }
}
