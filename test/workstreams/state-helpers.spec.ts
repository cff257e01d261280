import { describe, expect, it } from 'vitest';
import {
  activeStates,
  defaultState,
  findState,
  findStateByName,
  findStateBySourceCode,
  type Workstream,
} from '../../lib/index.js';

const WORKSTREAM: Workstream = {
  id: 'wstr-1',
  defaultStateId: ' STATE-B ',
  interactionIds: [],
  states: [
    { id: 'state-a', name: 'Open', status: 'inactive', sourceCode: 'OPN' },
    { id: 'state-b', name: 'Open', status: ' Active ', sourceCode: 'opn' },
    { id: 'state-c', name: 'Closed', status: 'active' },
    { id: 'state-d', name: 'Ärger', status: 'ACTIVE', sourceCode: 'Ä1' },
  ],
};

describe('finders (PROTOCOL §9.1)', () => {
  it.each([
    ['findState', findState, 'State-C', 'state-c'],
    ['findState', findState, '  state-a\t', 'state-a'],
    ['findStateByName', findStateByName, 'open', 'state-a'],
    ['findStateByName', findStateByName, 'ärger', 'state-d'],
    ['findStateBySourceCode', findStateBySourceCode, ' OPN ', 'state-a'],
    ['findStateBySourceCode', findStateBySourceCode, 'ä1', 'state-d'],
  ] as const)('%s(%j) → %s', (_name, find, wanted, id) => {
    expect(find(WORKSTREAM, wanted)?.id).toBe(id);
  });

  it.each([findState, findStateByName, findStateBySourceCode])(
    'finds nothing for blanks, misses and missing workstreams',
    (find) => {
      expect(find(WORKSTREAM, '  ')).toBeUndefined();
      expect(find(WORKSTREAM, undefined)).toBeUndefined();
      expect(find(WORKSTREAM, 'nope')).toBeUndefined();
      expect(find(undefined, 'state-a')).toBeUndefined();
    },
  );

  it('returns copies', () => {
    findState(WORKSTREAM, 'state-a')!.name = 'changed';
    expect(WORKSTREAM.states[0]!.name).toBe('Open');
  });
});

describe('defaultState', () => {
  it('looks the default ID up trimmed and case-insensitively', () => {
    expect(defaultState(WORKSTREAM)?.id).toBe('state-b');
  });

  it('is undefined when blank, unmatched or without workstream', () => {
    expect(defaultState({ ...WORKSTREAM, defaultStateId: ' ' })).toBe(
      undefined,
    );
    expect(defaultState({ ...WORKSTREAM, defaultStateId: 'x' })).toBe(
      undefined,
    );
    expect(defaultState(undefined)).toBeUndefined();
  });
});

describe('activeStates', () => {
  it('keeps states whose trimmed status is active in any case, in order', () => {
    expect(activeStates(WORKSTREAM).map((s) => s.id)).toEqual([
      'state-b',
      'state-c',
      'state-d',
    ]);
  });

  it('returns copies, and nothing without a workstream', () => {
    activeStates(WORKSTREAM)[0]!.id = 'changed';
    expect(WORKSTREAM.states[1]!.id).toBe('state-b');
    expect(activeStates(undefined)).toEqual([]);
  });
});
