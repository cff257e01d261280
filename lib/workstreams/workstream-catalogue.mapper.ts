import {
  asObject,
  bool,
  compact,
  type JsonObject,
  num,
  objectList,
  str,
  strList,
} from '../models/json-read.util.js';
import type {
  WorkstreamInteraction,
  WorkstreamInteractionsResponse,
  WorkstreamPage,
  WorkstreamParticipant,
  WorkstreamParticipantsResponse,
} from './workstream-catalogue.interface.js';

/**
 * Reads `GET /v1/workstreams/{id}/interactions` (PROTOCOL §3.7).
 * @internal
 */
export function readWorkstreamInteractions(
  body: unknown,
): WorkstreamInteractionsResponse {
  const envelope = asObject(body);
  const interactions = objectList(envelope, 'interactions').map(
    readInteraction,
  );
  return { interactions, ...readPage(envelope) };
}

/**
 * Reads `GET /v1/workstreams/{id}/participants` (PROTOCOL §3.8).
 * @internal
 */
export function readWorkstreamParticipants(
  body: unknown,
): WorkstreamParticipantsResponse {
  const envelope = asObject(body);
  const participants = objectList(envelope, 'participants').map(
    readParticipant,
  );
  return { participants, ...readPage(envelope) };
}

function readPage(envelope: JsonObject): WorkstreamPage {
  return {
    totalCount: num(envelope, 'totalCount') ?? 0,
    page: num(envelope, 'page') ?? 0,
    pageSize: num(envelope, 'pageSize') ?? 0,
    hasMore: bool(envelope, 'hasMore') ?? false,
  };
}

const pick = (item: JsonObject, keys: readonly string[]) =>
  Object.fromEntries(keys.map((key) => [key, str(item, key)]));

function readInteraction(item: JsonObject): WorkstreamInteraction {
  return compact({
    ...pick(item, INTERACTION_STRINGS),
    id: str(item, 'id') ?? '',
    workstreamId: str(item, 'workstreamId') ?? str(item, 'channelId') ?? '',
    workstreams: strList(item, 'workstreams'),
    states: strList(item, 'states'),
    tags: strList(item, 'tags'),
    roiCost: num(item, 'roiCost'),
    roiTime: num(item, 'roiTime'),
    version: num(item, 'version'),
  }) as WorkstreamInteraction;
}

function readParticipant(item: JsonObject): WorkstreamParticipant {
  return compact({
    ...pick(item, PARTICIPANT_STRINGS),
    id: str(item, 'id') ?? '',
    did: str(item, 'did') ?? '',
    workstreamId: str(item, 'workstreamId') ?? str(item, 'channelId'),
    tags: strList(item, 'tags'),
    version: num(item, 'version'),
  }) as WorkstreamParticipant;
}

const INTERACTION_STRINGS = [
  'workstreamName',
  'name',
  'description',
  'status',
  'sourceParticipantId',
  'targetParticipantId',
  'type',
  'actor',
  'roiClassification',
  'fromStateId',
  'fromStateLabel',
  'toStateId',
  'toStateLabel',
  'createdAt',
  'updatedAt',
];

const PARTICIPANT_STRINGS = [
  'name',
  'description',
  'url',
  'status',
  'type',
  'customerId',
  'workstreamName',
  'createdAt',
  'updatedAt',
];
