import type {
  WorkstreamMode,
  WorkstreamStateStatus,
  WorkstreamStatus,
  WorkstreamType,
} from '../models/operon-enums.constants.js';

/**
 * A state a workstream defines (PROTOCOL §3.6, Go v1.4.1 fields included).
 * Operon resolves the state of a transaction; the client never does.
 * @publicApi
 */
export interface WorkstreamState {
  id: string;
  name: string;
  /** `active` or `inactive` (see `WorkstreamStateStatus`). */
  status: WorkstreamStateStatus | (string & {});
  /** Code of the state in the source system, when mapped. */
  sourceCode?: string;
  /** Entering this state starts the SLA clock. */
  slaClockStart?: boolean;
  /** Entering this state stops the SLA clock. */
  slaClockStop?: boolean;
}

/**
 * A workstream as `GET /v1/workstreams/{id}` returns it (PROTOCOL §3.6).
 * Strings Operon did not send are absent; lists default to empty.
 * @publicApi
 */
export interface Workstream {
  id: string;
  name?: string;
  description?: string;
  customerId?: string;
  workspaceId?: string;
  mode?: WorkstreamMode | (string & {});
  type?: WorkstreamType | (string & {});
  status?: WorkstreamStatus | (string & {});
  /** The state catalogue, in Operon's order. */
  states: WorkstreamState[];
  defaultStateId?: string;
  interactionIds: string[];
  hcsTestTopicId?: string;
  hcsLiveTopicId?: string;
  /** RFC 3339, as sent. */
  createdAt?: string;
  updatedAt?: string;
  createdBy?: string;
  updatedBy?: string;
  version?: number;
}
