import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPERON_EMULATOR_DEFAULTS,
  OperonEmulator,
  type OperonEmulatorOptions,
} from '../../lib/testing/index.js';

describe('realm, options and module options', () => {
  let emu: OperonEmulator;

  beforeAll(async () => {
    emu = await OperonEmulator.start();
  });
  afterAll(() => emu.stop());

  it('exposes URLs on the bound port', () => {
    const origin = `http://127.0.0.1:${emu.port}`;

    expect(emu.port).toBeGreaterThan(0);
    expect(emu.baseUrl).toBe(`${origin}/client-api`);
    expect(emu.tokenUrl).toBe(`${origin}/oauth2/token`);
    expect(emu.legacyTokenUrl).toContain('/v1/session/m2m');
    expect(emu.didResolverUrl).toBe(origin);
    expect(emu.heartbeatUrl).toBe(`${origin}/client-api/v1/session/heartbeat`);
  });

  it('seeds the default realm', () => {
    const { realm } = emu;
    const participants = realm.participants();
    const ws = realm.workstream()!;

    expect(ws.id).toBe(OPERON_EMULATOR_DEFAULTS.workstreamId);
    expect(participants.length).toBeGreaterThanOrEqual(3);
    for (const p of participants) {
      expect(p.did).toMatch(/^did:operon:/);
      expect(p.keys.map((k) => [k.algorithm, k.keyId])).toEqual([
        ['EdDSA', `${p.did}#keys-1`],
        ['ES256', `${p.did}#keys-2`],
        ['ES256K', `${p.did}#keys-3`],
      ]);
    }
    expect(realm.defaultApp.clientId).toBe(emu.credentials.clientId);
    expect(realm.participant(realm.defaultApp.participantId)?.did).toBe(
      OPERON_EMULATOR_DEFAULTS.participants.supplier,
    );
    expect(
      realm
        .interactions()
        .map((i) => i.type)
        .sort(),
    ).toEqual(['movement', 'touch', 'transfer', 'transition']);
    expect(realm.interactions()[0]!.sourceDid).toBe(
      realm.participant(realm.defaultApp.participantId)!.did,
    );
  });

  it('hands out copies', () => {
    const ws = emu.realm.workstream()!;
    ws.name = 'changed';
    ws.states.pop();

    expect(emu.realm.workstream()!.name).not.toBe('changed');
    expect(emu.realm.workstream()!.states.length).toBe(ws.states.length + 1);
  });

  it('builds module options, with overrides and a token provider', () => {
    expect(emu.moduleOptions()).toEqual({
      baseUrl: emu.baseUrl,
      tokenUrl: emu.tokenUrl,
      didResolverUrl: emu.didResolverUrl,
      clientId: 'm2mc-emulator',
      clientSecret: 'emulator-secret',
    });
    expect(
      emu.moduleOptions({ signingAlgorithm: 'ES256' }).signingAlgorithm,
    ).toBe('ES256');
    const provider = { getToken: () => ({ accessToken: emu.issuePat() }) };
    const withProvider = emu.moduleOptions({ tokenProvider: provider });
    expect(withProvider).not.toHaveProperty('clientId');
    expect(withProvider.tokenProvider).toBe(provider);
  });

  it('uses configured default credentials', async () => {
    const custom = await OperonEmulator.start({
      clientId: 'm2mc-x',
      clientSecret: 'y',
    });
    try {
      expect(custom.credentials).toEqual({
        clientId: 'm2mc-x',
        clientSecret: 'y',
      });
    } finally {
      await custom.stop();
    }
  });

  it('adds workstreams, participants, interactions and apps', () => {
    const ws = emu.addWorkstream({ name: 'Claims' });
    const a = emu.addParticipant({ workstreamId: ws.id, name: 'A' });
    const b = emu.addParticipant({
      workstreamIds: [ws.id, emu.realm.defaultWorkstreamId],
    });
    const move = emu.addInteraction({
      sourceParticipantId: a.did,
      targetParticipantId: b.id,
      type: 'movement',
      fromStateId: 'state-new',
      toStateId: 'state-packed',
    });
    const app = emu.addApp({ participantId: a.id });

    expect(ws.id).toMatch(/^wstr-/);
    expect(ws.defaultStateId).toBe('state-new');
    expect(a.workstreamIds).toEqual([ws.id]);
    expect(
      emu.realm.participants(emu.realm.defaultWorkstreamId).map((p) => p.id),
    ).toContain(b.id);
    expect(move).toMatchObject({
      workstreamId: ws.id,
      fromStateLabel: 'New',
      toStateLabel: 'Packed',
    });
    expect(emu.realm.workstream(ws.id)!.interactionIds).toEqual([move.id]);
    expect(app).toMatchObject({ workstreamId: ws.id, participantId: a.id });
    expect(app.clientSecret.length).toBeGreaterThanOrEqual(16);
    expect(emu.realm.app(app.clientId)?.id).toBe(app.id);
  });

  it.each([
    [
      'a duplicate workstream',
      (e: OperonEmulator) =>
        e.addWorkstream({ id: e.realm.defaultWorkstreamId }),
    ],
    [
      'a participant in an unknown workstream',
      (e: OperonEmulator) => e.addParticipant({ workstreamId: 'wstr-none' }),
    ],
    [
      'a duplicate DID',
      (e: OperonEmulator) =>
        e.addParticipant({ did: 'did:operon:emulator-buyer' }),
    ],
    [
      'a DID without did:',
      (e: OperonEmulator) => e.addParticipant({ did: 'operon:x' }),
    ],
    [
      'an interaction with an unknown participant',
      (e: OperonEmulator) =>
        e.addInteraction({
          sourceParticipantId: 'x',
          targetParticipantId: 'prtp-emulator-buyer',
        }),
    ],
    [
      'an interaction across workstreams',
      (e: OperonEmulator) => {
        const ws = e.addWorkstream();
        const lone = e.addParticipant({ workstreamId: ws.id });
        return e.addInteraction({
          sourceParticipantId: lone.id,
          targetParticipantId: 'prtp-emulator-buyer',
        });
      },
    ],
    [
      'an app for an unknown participant',
      (e: OperonEmulator) => e.addApp({ participantId: 'ghost' }),
    ],
    [
      'a duplicate client ID',
      (e: OperonEmulator) =>
        e.addApp({
          participantId: 'prtp-emulator-buyer',
          clientId: 'm2mc-emulator',
        }),
    ],
  ])('refuses %s', (_name, act) => {
    expect(() => act(emu)).toThrow(/^OperonEmulator: /);
  });

  it.each<[string, OperonEmulatorOptions]>([
    ['a negative port', { port: -1 }],
    ['a huge port', { port: 70000 }],
    ['a zero lifetime', { tokenLifetimeSeconds: 0 }],
    ['a fractional lifetime', { tokenLifetimeSeconds: 1.5 }],
    ['a zero body cap', { maxBodyBytes: 0 }],
    ['a blank client ID', { clientId: ' ' }],
  ])('rejects %s', async (_name, options) => {
    await expect(OperonEmulator.start(options)).rejects.toThrow(TypeError);
  });

  it('starts with signature checks off when asked', async () => {
    const fast = await OperonEmulator.start({ verifySignatures: false });
    try {
      expect(fast.signatureChecks).toBe(false);
    } finally {
      await fast.stop();
    }
  });
});
