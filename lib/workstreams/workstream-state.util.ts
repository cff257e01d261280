import type { Workstream, WorkstreamState } from './workstream.interface.js';

type StateField = 'id' | 'name' | 'sourceCode';

// Go compares with strings.EqualFold (Unicode simple case folding); lower
// casing both sides is equivalent for every realistic ID, name and code.
const fold = (value: string | undefined) => (value ?? '').trim().toLowerCase();

function findBy(
  workstream: Workstream | undefined,
  field: StateField,
  wanted: string | undefined,
): WorkstreamState | undefined {
  const key = fold(wanted);
  if (!key || !workstream) return undefined;
  const state = workstream.states?.find((item) => fold(item[field]) === key);
  return state && structuredClone(state);
}

/**
 * The first state whose ID matches, trimmed and case-insensitively
 * (PROTOCOL §9.1); `undefined` for a blank ID or no workstream. A copy.
 * @publicApi
 */
export function findState(
  workstream: Workstream | undefined,
  id: string | undefined,
): WorkstreamState | undefined {
  return findBy(workstream, 'id', id);
}

/**
 * The first state whose name matches, trimmed and case-insensitively.
 * @publicApi
 */
export function findStateByName(
  workstream: Workstream | undefined,
  name: string | undefined,
): WorkstreamState | undefined {
  return findBy(workstream, 'name', name);
}

/**
 * The first state whose source-system code matches, trimmed and
 * case-insensitively.
 * @publicApi
 */
export function findStateBySourceCode(
  workstream: Workstream | undefined,
  sourceCode: string | undefined,
): WorkstreamState | undefined {
  return findBy(workstream, 'sourceCode', sourceCode);
}

/**
 * The state named by `defaultStateId`, looked up as {@link findState} does.
 * @publicApi
 */
export function defaultState(
  workstream: Workstream | undefined,
): WorkstreamState | undefined {
  return findBy(workstream, 'id', workstream?.defaultStateId);
}

/**
 * Copies of the states whose trimmed status is `active`, in any case, in
 * catalogue order; `[]` without a workstream.
 * @publicApi
 */
export function activeStates(
  workstream: Workstream | undefined,
): WorkstreamState[] {
  const states = workstream?.states ?? [];
  return structuredClone(states.filter((s) => fold(s.status) === 'active'));
}
