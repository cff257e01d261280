import { OperonValidationError } from '../../errors/operon-validation.error.js';
import type { OperonHttpClient } from '../../http/operon-http.client.js';
import {
  hydrateInteractions,
  readInteractions,
  readParticipants,
} from './reference-data.mapper.js';
import type {
  InteractionSummary,
  ParticipantSummary,
} from './reference-data.interface.js';

/**
 * One loaded catalogue.
 * @internal
 */
export interface Catalogue {
  interactions: InteractionSummary[];
  participants: ParticipantSummary[];
  byId: Map<string, InteractionSummary>;
}

/**
 * The interaction and participant catalogue (PROTOCOL §4.2 steps 4–5). It
 * is loaded on first need and replaced whole on each reload; concurrent
 * loads share one pair of requests, and a failed load leaves the previous
 * state so the next caller tries again.
 * @internal
 */
export class ReferenceCacheStore {
  private catalogue?: Catalogue;
  private loading?: Promise<Catalogue>;

  constructor(
    private readonly http: OperonHttpClient,
    private readonly baseUrl: string,
  ) {}

  /** The catalogue; the first call loads it with a token from `token()`. */
  async current(token: () => Promise<string>): Promise<Catalogue> {
    return this.catalogue ?? this.reload(await token());
  }

  /**
   * The interaction with that (trimmed) ID, reloading the catalogue once
   * when it is not known yet.
   * @throws {OperonValidationError} "interaction <id> not found".
   */
  async find(id: string, token: string): Promise<InteractionSummary> {
    const key = id.trim();
    const known = this.catalogue?.byId.get(key);
    if (known) return known;
    const found = (await this.reload(token)).byId.get(key);
    if (!found) throw new OperonValidationError(`interaction ${id} not found`);

    return found;
  }

  /** Loads both lists again, joining a load already in flight. */
  reload(token: string): Promise<Catalogue> {
    this.loading ??= this.load(token).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(token: string): Promise<Catalogue> {
    try {
      const [interactions, participants] = await Promise.all([
        this.get('/v1/interactions', token),
        this.get('/v1/participants', token),
      ]);
      const people = readParticipants(participants);
      const routes = hydrateInteractions(
        readInteractions(interactions),
        people,
      );
      this.catalogue = {
        interactions: routes,
        participants: people,
        byId: new Map(routes.map((route) => [route.id, route])),
      };
      return this.catalogue;
    } catch (error) {
      // The error was created for this load alone, so prefixing it in place
      // keeps its class, status and code for every caller sharing the load.
      if (error instanceof Error) {
        error.message = `refresh interaction cache: ${error.message}`;
      }
      throw error;
    }
  }

  private async get(path: string, token: string): Promise<unknown> {
    const res = await this.http.send({
      method: 'GET',
      url: `${this.baseUrl}${path}`,
      token,
      idempotent: true,
    });
    return res.data;
  }
}
