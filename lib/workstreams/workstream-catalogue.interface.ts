import type {
  InteractionActor,
  InteractionType,
  RoiClassification,
} from '../models/operon-enums.constants.js';

/**
 * An interaction of a workstream (PROTOCOL §3.7).
 * @publicApi
 */
export interface WorkstreamInteraction {
  id: string;
  workstreamId: string;
  workstreamName?: string;
  name?: string;
  description?: string;
  status?: string;
  sourceParticipantId?: string;
  targetParticipantId?: string;
  /** Every workstream the interaction belongs to. */
  workstreams: string[];
  type?: InteractionType | (string & {});
  actor?: InteractionActor | (string & {});
  states: string[];
  roiClassification?: RoiClassification | (string & {});
  roiCost?: number;
  roiTime?: number;
  tags: string[];
  /** Movement route (PROTOCOL §10.1), when the server sends it. */
  fromStateId?: string;
  fromStateLabel?: string;
  toStateId?: string;
  toStateLabel?: string;
  createdAt?: string;
  updatedAt?: string;
  version?: number;
}

/**
 * A participant of a workstream (PROTOCOL §3.8).
 * @publicApi
 */
export interface WorkstreamParticipant {
  id: string;
  did: string;
  name?: string;
  description?: string;
  url?: string;
  status?: string;
  type?: string;
  customerId?: string;
  workstreamId?: string;
  workstreamName?: string;
  tags: string[];
  createdAt?: string;
  updatedAt?: string;
  version?: number;
}

/**
 * Paging members of the workstream list envelopes; each defaults to
 * `0`/`false` when absent. The client reads the first page only.
 * @publicApi
 */
export interface WorkstreamPage {
  totalCount: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/**
 * `GET /v1/workstreams/{id}/interactions` (PROTOCOL §3.7).
 * @publicApi
 */
export interface WorkstreamInteractionsResponse extends WorkstreamPage {
  interactions: WorkstreamInteraction[];
}

/**
 * `GET /v1/workstreams/{id}/participants` (PROTOCOL §3.8).
 * @publicApi
 */
export interface WorkstreamParticipantsResponse extends WorkstreamPage {
  participants: WorkstreamParticipant[];
}
