import type { SigningAlgorithm } from '../crypto/participant-keys.util.js';
import type { OperonEmulatorJwk } from '../crypto/participant-keys.util.js';

/**
 * A workstream state (PROTOCOL §3.6, Go v1.4.1 fields included).
 * @publicApi
 */
export interface OperonEmulatorState {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  sourceCode?: string;
  slaClockStart?: boolean;
  slaClockStop?: boolean;
}

/**
 * A workstream as `GET /v1/workstreams/{id}` returns it.
 * @publicApi
 */
export interface OperonEmulatorWorkstream {
  id: string;
  name: string;
  description: string;
  customerId: string;
  workspaceId: string;
  mode: 'on' | 'off';
  type: 'internal' | 'production';
  status: 'draft' | 'active' | 'inactive' | 'archived';
  states: OperonEmulatorState[];
  defaultStateId?: string;
  interactionIds: string[];
  hcsTestTopicId: string;
  hcsLiveTopicId: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  version: number;
}

/**
 * A public key of a participant.
 * @publicApi
 */
export interface OperonEmulatorKey {
  keyId: string;
  algorithm: SigningAlgorithm;
  publicJwk: OperonEmulatorJwk;
}

/**
 * A participant with its DID and its three public keys.
 * @publicApi
 */
export interface OperonEmulatorParticipant {
  id: string;
  did: string;
  name: string;
  description: string;
  url?: string;
  status: 'active' | 'inactive';
  type: string;
  customerId: string;
  /** Workstreams it belongs to; the first one is its home workstream. */
  workstreamIds: string[];
  tags: string[];
  keys: OperonEmulatorKey[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * Interaction types of PROTOCOL §9.
 * @publicApi
 */
export type OperonEmulatorInteractionType =
  'touch' | 'movement' | 'transition' | 'transfer';

/**
 * A catalogued route between two participants of one workstream.
 * `sourceDid`/`targetDid` are for tests only and never sent on the wire.
 * @publicApi
 */
export interface OperonEmulatorInteraction {
  id: string;
  workstreamId: string;
  name: string;
  description: string;
  status: 'active' | 'inactive';
  sourceParticipantId: string;
  targetParticipantId: string;
  sourceDid: string;
  targetDid: string;
  type: OperonEmulatorInteractionType;
  actor: 'human' | 'ai' | 'hybrid' | 'non-ai';
  states: string[];
  roiClassification?: 'baseline' | 'increment' | 'savings';
  roiCost?: number;
  roiTime?: number;
  tags: string[];
  fromStateId?: string;
  fromStateLabel?: string;
  toStateId?: string;
  toStateLabel?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * An M2M (client-credentials) app bound to a participant and a workstream.
 * @publicApi
 */
export interface OperonEmulatorApp {
  id: string;
  clientId: string;
  clientSecret: string;
  participantId: string;
  workstreamId: string;
  name: string;
  email: string;
  roles: string[];
  tenantIds: string[];
  featureFlags: Record<string, unknown>;
  /** Overrides the emulator-wide token lifetime for this app. */
  tokenLifetimeSeconds?: number;
}

/**
 * Input of `addWorkstream()`; every field has a default.
 * @publicApi
 */
export type OperonEmulatorWorkstreamInput = Partial<
  Omit<OperonEmulatorWorkstream, 'interactionIds' | 'createdAt' | 'updatedAt'>
>;

/**
 * Input of `addParticipant()`; keys are always generated.
 * @publicApi
 */
export type OperonEmulatorParticipantInput = Partial<
  Omit<OperonEmulatorParticipant, 'keys' | 'workstreamIds' | 'createdAt'>
> & {
  /** Home workstream. @default the default workstream */
  workstreamId?: string;
  /** All workstreams; overrides `workstreamId`. */
  workstreamIds?: string[];
};

/**
 * Input of `addInteraction()`. Source and target accept a participant ID
 * or a DID; state labels of a movement are filled from the workstream.
 * @publicApi
 */
export type OperonEmulatorInteractionInput = Partial<
  Omit<
    OperonEmulatorInteraction,
    'sourceDid' | 'targetDid' | 'createdAt' | 'updatedAt'
  >
> & {
  sourceParticipantId: string;
  targetParticipantId: string;
};

/**
 * Input of `addApp()`: the participant is required, the rest defaults
 * (workstream: the participant's home workstream; secret: random).
 * @publicApi
 */
export type OperonEmulatorAppInput = Partial<OperonEmulatorApp> & {
  participantId: string;
};

/**
 * Read access to the emulator's data. Every method returns copies.
 * @publicApi
 */
export interface OperonEmulatorRealm {
  readonly customerId: string;
  readonly workspaceId: string;
  readonly orgId: string;
  readonly defaultWorkstreamId: string;
  readonly defaultApp: OperonEmulatorApp;
  workstream(id?: string): OperonEmulatorWorkstream | undefined;
  workstreams(): OperonEmulatorWorkstream[];
  /** By participant ID or DID. */
  participant(idOrDid: string): OperonEmulatorParticipant | undefined;
  participants(workstreamId?: string): OperonEmulatorParticipant[];
  interaction(id: string): OperonEmulatorInteraction | undefined;
  interactions(workstreamId?: string): OperonEmulatorInteraction[];
  /** By app ID or client ID. */
  app(id: string): OperonEmulatorApp | undefined;
  apps(): OperonEmulatorApp[];
}
