import {
  asObject,
  compact,
  type JsonObject,
  num,
  objectList,
  str,
  strList,
} from '../../models/json-read.util.js';
import type {
  InteractionSummary,
  ParticipantSummary,
} from './reference-data.interface.js';

/**
 * Interactions of a `{data: [...]}` envelope; items without `id` dropped.
 * @internal
 */
export function readInteractions(body: unknown): InteractionSummary[] {
  return objectList(asObject(body), 'data')
    .map(readInteraction)
    .filter((item): item is InteractionSummary => item !== undefined);
}

/**
 * Participants of a `{data: [...]}` envelope; items lacking `id` or `did`
 * are dropped (Go, Node; PROTOCOL §10.2 row 18).
 * @internal
 */
export function readParticipants(body: unknown): ParticipantSummary[] {
  const result: ParticipantSummary[] = [];
  for (const item of objectList(asObject(body), 'data')) {
    const id = str(item, 'id');
    const did = str(item, 'did');
    if (!id || !did) continue;
    result.push(
      compact({
        id,
        did,
        name: str(item, 'name'),
        status: str(item, 'status'),
        customerId: str(item, 'customerId'),
        workstreamId: str(item, 'workstreamId') ?? str(item, 'channelId'),
        workstreamName: str(item, 'workstreamName'),
      }),
    );
  }
  return result;
}

/**
 * Fills each interaction's source and target DIDs from the participants
 * (PROTOCOL §4.2 step 5); DIDs the server may send itself are ignored.
 * @internal
 */
export function hydrateInteractions(
  interactions: InteractionSummary[],
  participants: ParticipantSummary[],
): InteractionSummary[] {
  const dids = new Map(participants.map((p) => [p.id, p.did]));
  const didOf = (id: string | undefined) =>
    id === undefined ? undefined : dids.get(id);

  return interactions.map((interaction) =>
    compact({
      ...interaction,
      sourceDid: didOf(interaction.sourceParticipantId),
      targetDid: didOf(interaction.targetParticipantId),
    }),
  );
}

function readInteraction(item: JsonObject): InteractionSummary | undefined {
  const id = str(item, 'id');
  if (!id) return undefined;
  return compact({
    id,
    workstreamId: str(item, 'workstreamId') ?? str(item, 'channelId'),
    workstreamName: str(item, 'workstreamName'),
    name: str(item, 'name'),
    description: str(item, 'description'),
    status: str(item, 'status'),
    sourceParticipantId: str(item, 'sourceParticipantId'),
    targetParticipantId: str(item, 'targetParticipantId'),
    type: str(item, 'type'),
    actor: str(item, 'actor'),
    states: strList(item, 'states'),
    roiClassification: str(item, 'roiClassification'),
    roiCost: num(item, 'roiCost'),
    roiTime: num(item, 'roiTime'),
    fromStateId: str(item, 'fromStateId'),
    fromStateLabel: str(item, 'fromStateLabel'),
    toStateId: str(item, 'toStateId'),
    toStateLabel: str(item, 'toStateLabel'),
  });
}
