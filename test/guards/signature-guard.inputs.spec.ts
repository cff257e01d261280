import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  OPERON_HEADER_PAYLOAD_HASH,
  OPERON_HEADER_SIGNATURE,
  OPERON_SIGNATURE_HEADER_NAMES,
  OperonModule,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { CapturingLogger } from '../support/capture-logger.js';
import { PLATFORMS } from './support/platforms.js';
import {
  HookController,
  hits,
  post,
  signFor,
  type SignedParts,
  verifyCalls,
} from './support/signature-fixtures.js';

const BODY = '{"order":"A-1","qty":2,"note":"ship fast"}';
const JSON_TYPE = 'application/json';

let emu: OperonEmulator;
beforeAll(async () => {
  emu = await OperonEmulator.start();
});
afterAll(() => emu.stop());

const valid = (body: string | Buffer = BODY): SignedParts => ({
  body,
  contentType: JSON_TYPE,
  headers: signFor(emu, body),
});

function withHeader(
  parts: SignedParts,
  name: string,
  value: string | string[] | undefined,
): SignedParts {
  const headers = { ...parts.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...parts, headers };
}

const oddCase = (name: string) =>
  [...name].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

interface InputCase {
  name: string;
  status: number;
  make(): SignedParts;
  /** Rejected before Operon is asked. */
  local?: boolean;
}

const headerCases: InputCase[] = OPERON_SIGNATURE_HEADER_NAMES.flatMap(
  (name) => {
    const current = () => valid().headers[name]!;
    return [
      {
        name: `${name} missing`,
        status: 401,
        local: true,
        make: () => withHeader(valid(), name, undefined),
      },
      {
        name: `${name} empty`,
        status: 401,
        local: true,
        make: () => withHeader(valid(), name, ''),
      },
      {
        name: `${name} whitespace only`,
        status: 401,
        local: true,
        make: () => withHeader(valid(), name, '   '),
      },
      {
        name: `${name} duplicated`,
        status: 401,
        local: true,
        make: () => {
          const parts = valid();
          const value = parts.headers[name] as string;
          return withHeader(parts, name, [value, value]);
        },
      },
      {
        name: `${name} in odd case`,
        status: 200,
        make: () => {
          const parts = valid();
          const value = parts.headers[name]!;
          return withHeader(
            withHeader(parts, name, undefined),
            oddCase(name),
            value,
          );
        },
      },
      {
        name: `${name} oversized`,
        status: 401,
        local: true,
        make: () =>
          withHeader(valid(), name, `${current()}${'x'.repeat(5000)}`),
      },
    ];
  },
);

const bodyCases: InputCase[] = [
  { name: 'a valid signature', status: 200, make: () => valid() },
  {
    name: 'a hash that is not base64url',
    status: 401,
    local: true,
    make: () => {
      const parts = valid();
      const hash = parts.headers[OPERON_HEADER_PAYLOAD_HASH] as string;
      return withHeader(parts, OPERON_HEADER_PAYLOAD_HASH, `+${hash.slice(1)}`);
    },
  },
  {
    name: 'the hash of another body',
    status: 401,
    local: true,
    make: () => ({ ...valid('{"order":"B-2"}'), body: BODY }),
  },
  {
    name: 'the body changed by one byte',
    status: 401,
    local: true,
    make: () => ({ ...valid(), body: BODY.replace('qty":2', 'qty":3') }),
  },
  {
    name: 'the JSON body re-serialised',
    status: 401,
    local: true,
    make: () => ({
      ...valid(),
      body: JSON.stringify(JSON.parse(BODY), null, 1),
    }),
  },
  {
    name: 'a signature Operon rejects',
    status: 401,
    make: () => {
      const forged = signFor(emu, BODY, 'did:operon:emulator-carrier');
      return withHeader(
        valid(),
        OPERON_HEADER_SIGNATURE,
        forged[OPERON_HEADER_SIGNATURE],
      );
    },
  },
  {
    name: 'non-ASCII content',
    status: 200,
    make: () => valid('{"note":"Größe — 東京 ✓ ça"}'),
  },
  {
    name: 'bytes that are not UTF-8 inside a JSON string',
    status: 200,
    // The parser replaces the bytes, the hash covers them: raw bytes count.
    make: () =>
      valid(
        Buffer.concat([
          Buffer.from('{"a":"'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('"}'),
        ]),
      ),
  },
  {
    name: 'a text/plain body the app does not keep raw',
    status: 415,
    local: true,
    make: () => ({ ...valid('plain text'), contentType: 'text/plain' }),
  },
];

describe.each(PLATFORMS)('OperonSignatureGuard inputs on $name', (platform) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await platform.create({
      imports: [OperonModule.forRoot(emu.moduleOptions({ logger: false }))],
      controllers: [HookController],
    });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    hits.count = 0;
    emu.clearRequests();
  });

  it.each([...bodyCases, ...headerCases])(
    '$name → $status',
    async ({ make, status, local }) => {
      const res = await post(app, '/hook', make());
      expect(res.status).toBe(status);
      expect(hits.count).toBe(status === 200 ? 1 : 0);
      if (local) expect(verifyCalls(emu)).toBe(0);
      if (status === 401) {
        expect(res.body.message).toBe('Invalid or missing Operon signature');
      }
    },
  );

  it('hands the verification to the handler', async () => {
    const parts = valid();
    const res = await post(app, '/hook', parts);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'VALID',
      senderDid: 'did:operon:emulator-buyer',
      did: 'did:operon:emulator-buyer',
      payloadHash: parts.headers[OPERON_HEADER_PAYLOAD_HASH],
      algorithm: 'EdDSA',
    });
  });

  it('refuses a 1 MB body over the platform limit before the guard', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(1024 * 1024) });
    const res = await post(app, '/hook', valid(big));
    expect(res.status).toBe(413);
    expect(hits.count).toBe(0);
    expect(verifyCalls(emu)).toBe(0);
  });
});

describe.each(PLATFORMS)(
  '1 MB bodies with a raised limit on $name',
  (platform) => {
    let app: INestApplication;
    const big = JSON.stringify({ blob: 'é'.repeat(512 * 1024) });
    beforeAll(async () => {
      app = await platform.create(
        {
          imports: [OperonModule.forRoot(emu.moduleOptions({ logger: false }))],
          controllers: [HookController],
        },
        { bodyLimit: 4 * 1024 * 1024 },
      );
    });
    afterAll(() => app.close());
    beforeEach(() => {
      hits.count = 0;
    });

    it('verifies a signed 1 MB body', async () => {
      expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
      const res = await post(app, '/hook', valid(big));
      expect(res.status).toBe(200);
      expect(hits.count).toBe(1);
    });

    it('rejects the 1 MB body with its last byte changed', async () => {
      const parts = valid(big);
      const res = await post(app, '/hook', {
        ...parts,
        body: `${big.slice(0, -2)}e"}`,
      });
      expect(res.status).toBe(401);
      expect(hits.count).toBe(0);
    });
  },
);

describe.each(PLATFORMS)('an app without rawBody on $name', (platform) => {
  let app: INestApplication;
  const logger = new CapturingLogger();
  beforeAll(async () => {
    app = await platform.create(
      {
        imports: [OperonModule.forRoot(emu.moduleOptions({ logger }))],
        controllers: [HookController],
      },
      { rawBody: false },
    );
  });
  afterAll(() => app.close());

  it('fails closed with 500 and logs the fix once', async () => {
    hits.count = 0;
    emu.clearRequests();
    for (let i = 0; i < 2; i++) {
      const res = await post(app, '/hook', valid());
      expect(res.status).toBe(500);
      expect(res.body.message).toBe('Signature verification is not available');
    }
    expect(hits.count).toBe(0);
    expect(verifyCalls(emu)).toBe(0);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.text).toContain(
      'NestFactory.create(AppModule, { rawBody: true })',
    );
  });

  it('still verifies a request without a body', async () => {
    hits.count = 0;
    const res = await post(app, '/hook', { ...valid(''), contentType: '' });
    expect(res.status).toBe(200);
    expect(hits.count).toBe(1);
  });
});
