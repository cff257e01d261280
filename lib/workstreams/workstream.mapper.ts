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
import type { Workstream, WorkstreamState } from './workstream.interface.js';

const OPTIONAL_STRINGS = [
  'name',
  'description',
  'customerId',
  'workspaceId',
  'mode',
  'type',
  'status',
  'defaultStateId',
  'hcsTestTopicId',
  'hcsLiveTopicId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
] as const;

/**
 * Reads a workstream tolerantly (PROTOCOL §3.6): wrongly typed members are
 * dropped, lists default to empty, `id` to `''`.
 * @internal
 */
export function readWorkstream(body: unknown): Workstream {
  const item = asObject(body);
  const strings = Object.fromEntries(
    OPTIONAL_STRINGS.map((key) => [key, str(item, key)]),
  );

  return compact({
    id: str(item, 'id') ?? '',
    ...strings,
    states: objectList(item, 'states').map(readState),
    interactionIds: strList(item, 'interactionIds'),
    version: num(item, 'version'),
  }) as Workstream;
}

function readState(item: JsonObject): WorkstreamState {
  return compact({
    id: str(item, 'id') ?? '',
    name: str(item, 'name') ?? '',
    status: str(item, 'status') ?? '',
    sourceCode: str(item, 'sourceCode'),
    slaClockStart: bool(item, 'slaClockStart'),
    slaClockStop: bool(item, 'slaClockStop'),
  });
}
