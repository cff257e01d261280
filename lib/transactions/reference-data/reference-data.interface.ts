import type {
  InteractionActor,
  InteractionType,
  RoiClassification,
} from '../../models/operon-enums.constants.js';

/**
 * An interaction of `GET /v1/interactions` (PROTOCOL §3.4), with the
 * source and target DIDs filled in from the participant catalogue.
 * @publicApi
 */
export interface InteractionSummary {
  id: string;
  workstreamId?: string;
  workstreamName?: string;
  name?: string;
  description?: string;
  status?: string;
  sourceParticipantId?: string;
  targetParticipantId?: string;
  /** DID of the source participant; absent when it is not catalogued. */
  sourceDid?: string;
  /** DID of the target participant; absent when it is not catalogued. */
  targetDid?: string;
  type?: InteractionType | (string & {});
  actor?: InteractionActor | (string & {});
  /** Names of the states the interaction may set. */
  states: string[];
  roiClassification?: RoiClassification | (string & {});
  roiCost?: number;
  roiTime?: number;
  /** Movement route (PROTOCOL §10.1), when the server sends it. */
  fromStateId?: string;
  fromStateLabel?: string;
  toStateId?: string;
  toStateLabel?: string;
}

/**
 * A participant of `GET /v1/participants` (PROTOCOL §3.5).
 * @publicApi
 */
export interface ParticipantSummary {
  id: string;
  did: string;
  name?: string;
  status?: string;
  customerId?: string;
  workstreamId?: string;
  workstreamName?: string;
}
