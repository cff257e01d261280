import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  activeStates,
  defaultState,
  findStateBySourceCode,
  OperonApiError,
  OperonValidationError,
  WorkstreamsService,
  type OperonModuleOptions,
} from '../../lib/index.js';
import {
  OPERON_EMULATOR_DEFAULTS,
  OperonEmulator,
} from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';

const ODD_ID = 'wstr a/b?c#d%';
const ODD_PATH = '/client-api/v1/workstreams/wstr%20a%2Fb%3Fc%23d%25';

let emu: OperonEmulator;
const apps: OperonTestApp[] = [];

async function service(overrides: OperonModuleOptions = {}) {
  const app = await bootOperon(emu.moduleOptions(overrides));
  apps.push(app);
  return app.moduleRef.get(WorkstreamsService);
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

beforeAll(async () => {
  emu = await OperonEmulator.start();
  emu.addWorkstream({ id: ODD_ID, name: 'Odd' });
  emu.addParticipant({
    id: 'prtp-odd-a',
    did: 'did:operon:odd-a',
    workstreamId: ODD_ID,
  });
  emu.addParticipant({
    id: 'prtp-odd-b',
    did: 'did:operon:odd-b',
    workstreamId: ODD_ID,
  });
  emu.addInteraction({
    id: 'intr-odd',
    sourceParticipantId: 'prtp-odd-a',
    targetParticipantId: 'prtp-odd-b',
    type: 'movement',
  });
});

beforeEach(() => {
  emu.faults.clear();
  emu.clearRequests();
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await emu?.stop();
});

describe('the token workstream', () => {
  it('reads the workstream with its v1.4.1 state catalogue', async () => {
    const workstreams = await service();

    const workstream = await workstreams.getWorkstream();

    expect(workstream).toMatchObject({
      id: OPERON_EMULATOR_DEFAULTS.workstreamId,
      name: 'Orders',
      mode: 'on',
      type: 'internal',
      status: 'active',
    });
    expect(workstream.interactionIds).toContain('intr-emulator-invoice');
    expect(defaultState(workstream)?.id).toBe('state-new');
    expect(findStateBySourceCode(workstream, ' delivered ')).toMatchObject({
      id: 'state-delivered',
      slaClockStop: true,
    });
    expect(activeStates(workstream).map((s) => s.id)).not.toContain(
      'state-cancelled',
    );
    const [request] = emu.requests().filter((r) => r.routeId === 'workstream');
    expect(request?.headers.accept).toBe('application/json');
  });

  it('lists interactions and participants with their envelopes', async () => {
    const workstreams = await service();

    const interactions = await workstreams.getWorkstreamInteractions();
    const participants = await workstreams.getWorkstreamParticipants();

    expect(interactions).toMatchObject({
      totalCount: 4,
      page: 1,
      pageSize: 1000,
      hasMore: false,
    });
    expect(interactions.interactions.map((i) => i.type).sort()).toEqual([
      'movement',
      'touch',
      'transfer',
      'transition',
    ]);
    expect(participants.participants).toHaveLength(3);
    expect(participants.participants[0]).toMatchObject({
      did: expect.stringMatching(/^did:operon:/),
      workstreamId: OPERON_EMULATOR_DEFAULTS.workstreamId,
    });
  });
});

describe('an explicit workstream', () => {
  it('escapes / space ? # and % so each call reaches its resource', async () => {
    const workstreams = await service();

    const workstream = await workstreams.getWorkstream(` ${ODD_ID} `);
    const { interactions } =
      await workstreams.getWorkstreamInteractions(ODD_ID);
    const { participants } =
      await workstreams.getWorkstreamParticipants(ODD_ID);

    expect(workstream.id).toBe(ODD_ID);
    expect(interactions.map((i) => i.id)).toEqual(['intr-odd']);
    expect(interactions[0]?.workstreamId).toBe(ODD_ID);
    expect(participants.map((p) => p.did).sort()).toEqual([
      'did:operon:odd-a',
      'did:operon:odd-b',
    ]);
    expect(
      emu
        .requests()
        .filter((r) => r.routeId !== 'token')
        .map((r) => r.path),
    ).toEqual([
      ODD_PATH,
      `${ODD_PATH}/interactions`,
      `${ODD_PATH}/participants`,
    ]);
  });

  it('surfaces an unknown workstream as an API error', async () => {
    const workstreams = await service();
    const error = await failure(workstreams.getWorkstream('wstr-missing'));
    expect(error).toBeInstanceOf(OperonApiError);
    expect(error).toMatchObject({ status: 404, code: 'WORKSTREAM_NOT_FOUND' });
  });
});

describe('no workstream at all', () => {
  it('fails after getting the token, before any request', async () => {
    let calls = 0;
    const workstreams = await service({
      tokenProvider: {
        getToken: () => {
          calls++;
          return { accessToken: emu.issuePat({ workstream_id: undefined }) };
        },
      },
    });

    for (const read of [
      () => workstreams.getWorkstream(' '),
      () => workstreams.getWorkstreamInteractions(),
      () => workstreams.getWorkstreamParticipants(undefined),
    ]) {
      const error = await failure(read());
      expect(error).toBeInstanceOf(OperonValidationError);
      expect(error?.message).toBe(
        'workstream ID is required: token not scoped to a workstream and ' +
          'no override provided',
      );
    }
    expect(calls).toBe(3);
    expect(emu.requests()).toHaveLength(0);
  });
});

describe('envelopes with members missing', () => {
  it('defaults lists to empty and paging to zero', async () => {
    const workstreams = await service();
    for (const route of [
      'workstream',
      'workstreamInteractions',
      'workstreamParticipants',
    ]) {
      emu.faults.inject({ route, status: 200, body: {} });
    }

    expect(await workstreams.getWorkstream()).toEqual({
      id: '',
      states: [],
      interactionIds: [],
    });
    expect(await workstreams.getWorkstreamInteractions()).toEqual({
      interactions: [],
      totalCount: 0,
      page: 0,
      pageSize: 0,
      hasMore: false,
    });
    expect(await workstreams.getWorkstreamParticipants()).toEqual({
      participants: [],
      totalCount: 0,
      page: 0,
      pageSize: 0,
      hasMore: false,
    });
  });
});
