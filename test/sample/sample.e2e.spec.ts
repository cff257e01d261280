import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPERON_EMULATOR_DEFAULTS as DEFAULTS,
  OperonEmulator,
} from '../../lib/testing/index.js';
import { type BuiltSample, buildSample } from './support/build-sample.js';
import { call, postJson } from './support/http.js';
import {
  type SampleProcess,
  sampleEnv,
  startSample,
} from './support/sample-process.js';

const sha256 = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('base64url');

let built: BuiltSample;

beforeAll(async () => {
  built = await buildSample();
}, 240_000);

afterAll(async () => {
  await built?.remove();
});

describe('sample app with credentials (test emulator)', () => {
  let emulator: OperonEmulator;
  let app: SampleProcess;

  beforeAll(async () => {
    emulator = await OperonEmulator.start();
    const { clientId, clientSecret } = emulator.credentials;
    app = await startSample(
      built.main,
      built.dir,
      sampleEnv({
        OPERON_CLIENT_ID: clientId,
        OPERON_CLIENT_SECRET: clientSecret,
        OPERON_BASE_URL: emulator.baseUrl,
        OPERON_TOKEN_URL: emulator.tokenUrl,
        OPERON_DID_RESOLVER_URL: emulator.didResolverUrl,
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
  }, 30_000);

  it('prints its URL and Operon, never the client secret', () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.output()).toContain(`Operon: ${emulator.baseUrl}`);
    expect(app.output()).toContain(`curl -s ${app.url}/workstream`);
    expect(app.output()).not.toContain(emulator.credentials.clientSecret);
  });

  it('POST /orders records the order in Operon and answers 201', async () => {
    // Odd spacing: the hash must cover these bytes, not a re-serialisation.
    const order =
      '{ "orderId": "ord-e2e-1",  "amount": 42.5, "customer": "ACME Corp" }';

    const res = await postJson(`${app.url}/orders`, order);

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'received' });
    const recorded = emulator
      .transactions()
      .find((t) => t.correlationId === 'order-ord-e2e-1');
    expect(recorded).toMatchObject({
      id: res.body.id,
      payloadHash: sha256(order),
      workstreamId: DEFAULTS.workstreamId,
      interactionId: 'intr-emulator-invoice',
      sourceDid: DEFAULTS.participants.supplier,
      targetDid: DEFAULTS.participants.buyer,
      actorExternalId: 'acme-corp',
      actorExternalDisplayName: 'ACME Corp',
      actorExternalSource: 'sample-shop',
      assigneeExternalId: 'team-fulfilment',
      assigneeExternalDisplayName: 'Fulfilment team',
      assigneeExternalSource: 'sample-shop',
    });
  });

  it('POST /orders is idempotent per order ID', async () => {
    const order = '{"orderId":"ord-e2e-2","amount":10,"customer":"Bob"}';
    const first = await postJson(`${app.url}/orders`, order);
    const again = await postJson(`${app.url}/orders`, order);
    const changed = await postJson(
      `${app.url}/orders`,
      '{"orderId":"ord-e2e-2","amount":11,"customer":"Bob"}',
    );

    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    expect(changed.status).toBe(409);
    expect(changed.body.message).toContain('CORRELATION_CONFLICT');
    const stored = emulator
      .transactions()
      .filter((t) => t.correlationId === 'order-ord-e2e-2');
    expect(stored).toHaveLength(1);
  });

  it.each([
    ['{"amount":1,"customer":"A"}', /orderId/],
    ['{"orderId":"o-1","amount":"12","customer":"A"}', /amount/],
    ['{"orderId":"o-1","amount":-3,"customer":"A"}', /amount/],
    ['{"orderId":"o-1","amount":1,"customer":"  "}', /customer/],
    ['{"orderId":"no spaces","amount":1,"customer":"A"}', /orderId/],
    ['[1,2]', /JSON object/],
    ['{"orderId":', /JSON/],
  ])('POST /orders answers 400 for %s', async (body, message) => {
    const before = emulator.transactions().length;

    const res = await postJson(`${app.url}/orders`, body);

    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(emulator.transactions()).toHaveLength(before);
  });

  it('POST /orders answers 400 for a body that is not JSON', async () => {
    const res = await call(`${app.url}/orders`, {
      method: 'POST',
      body: 'orderId=1',
      headers: { 'content-type': 'text/plain' },
    });

    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/Content-Type: application\/json/);
  });

  it('GET /workstream answers the workstream, its states and interactions', async () => {
    const res = await call(`${app.url}/workstream`, {});

    expect(res.status).toBe(200);
    const expected = emulator.realm.workstreams()[0]!;
    expect(res.body.id).toBe(DEFAULTS.workstreamId);
    expect(res.body.states.map((s: { name: string }) => s.name)).toEqual(
      expected.states.map((s) => s.name),
    );
    expect(res.body.defaultStateName).toBe('New');
    const ids = res.body.interactions.map((i: { id: string }) => i.id);
    expect(ids).toEqual(
      emulator.realm.interactions(DEFAULTS.workstreamId).map((i) => i.id),
    );
  });

  it('POST /outbound signs the body and the guarded webhook accepts it', async () => {
    const event = '{"event": "order.shipped", "orderId": "ord-e2e-1"}';
    emulator.clearRequests();

    const res = await postJson(`${app.url}/outbound`, event);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 200,
      body: {
        received: true,
        from: DEFAULTS.participants.supplier,
        payloadHash: sha256(event),
      },
    });
    const verify = emulator
      .requests()
      .filter((r) => r.path.endsWith('/signature/verify'));
    expect(verify).toHaveLength(1);
    expect(verify[0]!.body).toBe(event);
  });

  it('POST /webhooks/operon answers 401 without a valid signature', async () => {
    const body = '{"event":"forged"}';
    const forged = await call(`${app.url}/webhooks/operon`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-operon-did': DEFAULTS.participants.supplier,
        'x-operon-payload-hash': sha256(body),
        'x-operon-signature': 'not-a-signature',
        'x-operon-signature-keyid': `${DEFAULTS.participants.supplier}#keys-1`,
        'x-operon-signature-alg': 'EdDSA',
      },
    });
    const unsigned = await postJson(`${app.url}/webhooks/operon`, body);

    expect(forged.status).toBe(401);
    expect(unsigned.status).toBe(401);
  });

  it('GET /me answers the session of a live PAT, 401 otherwise', async () => {
    const pat = emulator.issuePat();
    const revoked = emulator.issuePat();
    emulator.revoke(revoked);

    const me = await call(`${app.url}/me`, {
      headers: { authorization: `Bearer ${pat}` },
    });
    const anonymous = await call(`${app.url}/me`, {});
    const rejected = await call(`${app.url}/me`, {
      headers: { authorization: `Bearer ${revoked}` },
    });

    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      participantDid: DEFAULTS.participants.supplier,
      workstreamId: DEFAULTS.workstreamId,
      clientId: DEFAULTS.clientId,
      expiresInSeconds: expect.any(Number),
    });
    expect(anonymous.status).toBe(401);
    expect(rejected.status).toBe(401);
  });
});

describe('sample app without credentials (embedded emulator)', () => {
  let app: SampleProcess;

  beforeAll(async () => {
    app = await startSample(built.main, built.dir, sampleEnv({}));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  }, 30_000);

  it('starts its own emulator and prints its URL', () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.output()).toMatch(
      /Operon: embedded emulator at http:\/\/127\.0\.0\.1:\d+\/client-api/,
    );
  });

  it('serves POST /orders against it', async () => {
    const res = await postJson(
      `${app.url}/orders`,
      '{"orderId":"ord-embedded","amount":1,"customer":"Eve"}',
    );

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'received' });
  });

  it('prints a PAT that GET /me accepts', async () => {
    const pat = /Bearer ([\w.-]+)'/.exec(app.output())?.[1];
    expect(pat).toBeDefined();

    const me = await call(`${app.url}/me`, {
      headers: { authorization: `Bearer ${pat}` },
    });

    expect(me.status).toBe(200);
    expect(me.body.participantDid).toBe(DEFAULTS.participants.supplier);
  });

  it('shuts down on SIGTERM', async () => {
    const exit = await app.stop(15_000);

    // Nest's shutdown hooks re-raise the signal once the app is closed.
    expect(exit.signal).toBe('SIGTERM');
    expect(app.output()).toContain('Embedded emulator stopped');
    expect(app.output()).not.toMatch(/ERROR/);
  });
});
