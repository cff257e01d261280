import { randomBytes } from 'node:crypto';
import {
  generateParticipantKeys,
  type ParticipantKey,
} from '../crypto/participant-keys.util.js';
import type {
  OperonEmulatorApp,
  OperonEmulatorAppInput,
  OperonEmulatorInteraction,
  OperonEmulatorInteractionInput,
  OperonEmulatorParticipant,
  OperonEmulatorParticipantInput,
  OperonEmulatorState,
  OperonEmulatorWorkstream,
  OperonEmulatorWorkstreamInput,
} from './realm.types.js';

/**
 * A participant together with its private keys, which never leave the
 * emulator.
 * @internal
 */
export interface StoredParticipant {
  data: OperonEmulatorParticipant;
  signingKeys: ParticipantKey[];
}

/**
 * Shared values every new entity is stamped with.
 * @internal
 */
export interface RealmStamp {
  customerId: string;
  workspaceId: string;
  now: string;
}

/**
 * A random ID in Operon's `prefix-…` style.
 * @internal
 */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/**
 * Deep copy without the members that are explicitly `undefined`, so that
 * `{ name: undefined }` keeps the default name.
 * @internal
 */
export function cloneDefined<T extends object>(input: T): T {
  const entries = Object.entries(input).filter(([, v]) => v !== undefined);

  return structuredClone(Object.fromEntries(entries)) as T;
}

// States of a workstream created without any.
function defaultStates(): OperonEmulatorState[] {
  const state = (
    id: string,
    name: string,
    extra: Partial<OperonEmulatorState> = {},
  ): OperonEmulatorState => ({
    id,
    name,
    status: 'active',
    sourceCode: name.toUpperCase().replace(/\s+/g, '_'),
    slaClockStart: false,
    slaClockStop: false,
    ...extra,
  });

  return [
    state('state-new', 'New', { slaClockStart: true }),
    state('state-packed', 'Packed'),
    state('state-shipped', 'Shipped'),
    state('state-delivered', 'Delivered', { slaClockStop: true }),
    state('state-cancelled', 'Cancelled', {
      status: 'inactive',
      slaClockStop: true,
    }),
  ];
}

/**
 * Builds a workstream from `addWorkstream()` input.
 * @internal
 */
export function buildWorkstream(
  input: OperonEmulatorWorkstreamInput,
  stamp: RealmStamp,
): OperonEmulatorWorkstream {
  const states = structuredClone(input.states ?? defaultStates());
  const firstActive = states.find((state) => state.status === 'active');

  return {
    name: 'Emulator workstream',
    description: 'Created by the Operon emulator',
    customerId: stamp.customerId,
    workspaceId: stamp.workspaceId,
    mode: 'on',
    type: 'internal',
    status: 'active',
    defaultStateId: firstActive?.id,
    hcsTestTopicId: '0.0.1001',
    hcsLiveTopicId: '0.0.2001',
    createdBy: 'operon-emulator',
    updatedBy: 'operon-emulator',
    version: 1,
    ...cloneDefined(input),
    id: input.id ?? newId('wstr'),
    states,
    interactionIds: [],
    createdAt: stamp.now,
    updatedAt: stamp.now,
  };
}

/**
 * Builds a participant and generates its three keys.
 * @internal
 */
export function buildParticipant(
  input: OperonEmulatorParticipantInput,
  workstreamIds: string[],
  stamp: RealmStamp,
): StoredParticipant {
  const id = input.id ?? newId('prtp');
  const did = input.did ?? `did:operon:${id}`;
  const { workstreamId: _home, ...rest } = cloneDefined(input);
  const signingKeys = generateParticipantKeys(did);
  const data: OperonEmulatorParticipant = {
    name: id,
    description: '',
    status: 'active',
    type: 'organization',
    customerId: stamp.customerId,
    tags: [],
    updatedAt: stamp.now,
    version: 1,
    ...rest,
    id,
    did,
    workstreamIds,
    keys: signingKeys.map(({ keyId, algorithm, publicJwk }) => ({
      keyId,
      algorithm,
      publicJwk,
    })),
    createdAt: stamp.now,
  };

  return { data, signingKeys };
}

/**
 * Builds an interaction whose participants and workstream are resolved.
 * @internal
 */
export function buildInteraction(
  input: OperonEmulatorInteractionInput,
  source: OperonEmulatorParticipant,
  target: OperonEmulatorParticipant,
  workstream: OperonEmulatorWorkstream,
  now: string,
): OperonEmulatorInteraction {
  const label = (stateId: string | undefined) =>
    workstream.states.find((state) => state.id === stateId)?.name;

  return {
    name: `${source.name} to ${target.name}`,
    description: '',
    status: 'active',
    type: 'touch',
    actor: 'human',
    states: [],
    tags: [],
    updatedAt: now,
    version: 1,
    ...cloneDefined(input),
    id: input.id ?? newId('intr'),
    workstreamId: workstream.id,
    sourceParticipantId: source.id,
    targetParticipantId: target.id,
    sourceDid: source.did,
    targetDid: target.did,
    fromStateLabel: input.fromStateLabel ?? label(input.fromStateId),
    toStateLabel: input.toStateLabel ?? label(input.toStateId),
    createdAt: now,
  };
}

/**
 * Builds an M2M app; the client secret is random unless given.
 * @internal
 */
export function buildApp(
  input: OperonEmulatorAppInput,
  participant: OperonEmulatorParticipant,
  workstreamId: string,
): OperonEmulatorApp {
  const id = input.id ?? newId('app');

  return {
    name: `${participant.name} app`,
    email: `${id}@apps.operon.local`,
    roles: ['m2m'],
    tenantIds: [participant.customerId],
    featureFlags: { emulator: true },
    ...cloneDefined(input),
    id,
    clientId: input.clientId ?? newId('m2mc'),
    clientSecret: input.clientSecret ?? randomBytes(24).toString('base64url'),
    participantId: participant.id,
    workstreamId,
  };
}
