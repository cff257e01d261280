import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperonEmulator } from '../../lib/testing/index.js';
import {
  call,
  expectErrorBody,
  expectParticipantItems,
  getJson,
} from './emulator.helpers.js';

describe('catalogue endpoints E4–E8', () => {
  let emu: OperonEmulator;

  beforeAll(async () => {
    emu = await OperonEmulator.start();
  });
  afterAll(() => emu.stop());

  it('E4 lists the token workstream interactions, one per type', async () => {
    const reply = await getJson(emu, '/v1/interactions');
    const items: any[] = reply.json.data;

    expect(reply.status).toBe(200);
    expect(new Set(items.map((i) => i.type))).toEqual(
      new Set(['touch', 'movement', 'transition', 'transfer']),
    );
    expect(new Set(items.map((i) => i.actor)).size).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      expect(item.workstreamId).toBe(emu.realm.defaultWorkstreamId);
      expect(typeof item.sourceParticipantId).toBe('string');
      expect(typeof item.targetParticipantId).toBe('string');
      expect(item).not.toHaveProperty('sourceDid');
    }
    expect(items.find((i) => i.type === 'movement')).toMatchObject({
      fromStateId: 'state-packed',
      fromStateLabel: 'Packed',
      toStateId: 'state-shipped',
      toStateLabel: 'Shipped',
    });
  });

  it('E5 lists participants with DIDs, ready to hydrate E4', async () => {
    const interactions = (await getJson(emu, '/v1/interactions')).json.data;
    const reply = await getJson(emu, '/v1/participants');
    const items: any[] = reply.json.data;

    expectParticipantItems(items);
    expect(items.length).toBeGreaterThanOrEqual(3);
    const ids = new Set(items.map((p) => p.id));
    for (const interaction of interactions) {
      expect(ids.has(interaction.sourceParticipantId)).toBe(true);
      expect(ids.has(interaction.targetParticipantId)).toBe(true);
    }
  });

  it('scopes E4 and E5 to the token workstream', async () => {
    const ws = emu.addWorkstream({ name: 'Scoped' });
    const a = emu.addParticipant({ workstreamId: ws.id });
    const b = emu.addParticipant({ workstreamId: ws.id });
    const interaction = emu.addInteraction({
      sourceParticipantId: a.id,
      targetParticipantId: b.id,
    });
    const app = emu.addApp({ participantId: a.id });
    const token = emu.issuePat({}, { appId: app.id });
    const scoped = (await getJson(emu, '/v1/interactions', token)).json.data;
    const people = (await getJson(emu, '/v1/participants', token)).json.data;
    const defaults = (await getJson(emu, '/v1/interactions')).json.data;

    expect(scoped.map((i: any) => i.id)).toEqual([interaction.id]);
    expect(people.map((p: any) => p.did).sort()).toEqual([a.did, b.did].sort());
    expect(defaults.map((i: any) => i.id)).not.toContain(interaction.id);
  });

  it('E6 returns the workstream with its states', async () => {
    const reply = await getJson(
      emu,
      `/v1/workstreams/${emu.realm.defaultWorkstreamId}`,
    );
    const ws = reply.json;

    expect(reply.status).toBe(200);
    expect(ws.id).toBe(emu.realm.defaultWorkstreamId);
    expect(ws.states.length).toBeGreaterThanOrEqual(3);
    for (const state of ws.states) {
      expect(typeof state.id).toBe('string');
      expect(typeof state.name).toBe('string');
      expect(typeof state.sourceCode).toBe('string');
      expect(typeof state.slaClockStart).toBe('boolean');
      expect(typeof state.slaClockStop).toBe('boolean');
    }
    expect(ws.states.some((s: any) => s.status === 'inactive')).toBe(true);
    expect(ws.states.some((s: any) => s.slaClockStart)).toBe(true);
    expect(ws.states.some((s: any) => s.slaClockStop)).toBe(true);
    expect(ws.states.map((s: any) => s.id)).toContain(ws.defaultStateId);
    expect(ws.interactionIds).toHaveLength(4);
    expect(Number.isInteger(ws.version)).toBe(true);
    expect(ws.customerId).toBe(emu.realm.customerId);
  });

  it('E7 and E8 return one page', async () => {
    const ws = emu.realm.defaultWorkstreamId;
    const interactions = await getJson(
      emu,
      `/v1/workstreams/${ws}/interactions`,
    );
    const participants = await getJson(
      emu,
      `/v1/workstreams/${ws}/participants`,
    );

    for (const [reply, key] of [
      [interactions, 'interactions'],
      [participants, 'participants'],
    ] as const) {
      expect(reply.json).toMatchObject({
        page: 1,
        pageSize: 1000,
        hasMore: false,
      });
      expect(reply.json.totalCount).toBe(reply.json[key].length);
    }
    for (const item of interactions.json.interactions) {
      expect(item.workstreamId).toBe(ws);
      expect(item.workstreams).toEqual([ws]);
    }
    expectParticipantItems(participants.json.participants);
  });

  it('reaches workstream IDs with odd characters through percent-encoding', async () => {
    const id = 'wstr 1/2?x#y%z';
    emu.addWorkstream({ id, name: 'Odd' });
    const p = emu.addParticipant({ workstreamId: id });
    const encoded = encodeURIComponent(id);
    const ws = await getJson(emu, `/v1/workstreams/${encoded}`);
    const people = await getJson(
      emu,
      `/v1/workstreams/${encoded}/participants`,
    );
    const trailing = await getJson(
      emu,
      `/v1/workstreams/${encoded}/interactions/`,
    );

    expect(ws.json.id).toBe(id);
    expect(people.json.participants.map((x: any) => x.did)).toEqual([p.did]);
    expect(people.json.participants[0].workstreamId).toBe(id);
    expect(trailing.status).toBe(200);
    const seen = emu.requests().at(-3)!;
    expect(seen.path).toBe(`/client-api/v1/workstreams/${encoded}`);
  });

  it.each([
    '/v1/workstreams/wstr-none',
    '/v1/workstreams/wstr-none/interactions',
    '/v1/workstreams/wstr-none/participants',
  ])('answers 404 WORKSTREAM_NOT_FOUND at %s', async (path) => {
    expectErrorBody(await getJson(emu, path), 404, 'WORKSTREAM_NOT_FOUND');
  });

  it('answers 400 for a malformed percent escape', async () => {
    const reply = await call(`${emu.baseUrl}/v1/workstreams/%E0%A4%A`, {
      token: emu.issuePat(),
    });

    expectErrorBody(reply, 400, 'INVALID_PATH');
  });
});
