import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OperonAuthService, OperonModule } from '../../lib/index.js';
import { StubServer, unsignedJwt } from '../support/stub-server.js';

let stub: StubServer;
beforeAll(async () => {
  stub = await StubServer.start(() => ({
    body: {
      access_token: unsignedJwt({ participant_did: 'did:operon:demo' }),
      expires_in: 3600,
    },
  }));
});
afterAll(() => stub.stop());

it('boots and fetches a token', async () => {
  const mod = await Test.createTestingModule({
    imports: [
      OperonModule.forRoot({
        clientId: 'id',
        clientSecret: 'secret',
        tokenUrl: `${stub.url}/oauth2/token`,
        baseUrl: `${stub.url}/client-api`,
      }),
    ],
  }).compile();
  const auth = mod.get(OperonAuthService);
  const token = await auth.getToken();
  expect(token.claims.participantDid).toBe('did:operon:demo');
  expect(stub.requests[0]!.headers.authorization).toBe(
    `Basic ${Buffer.from('id:secret').toString('base64')}`,
  );
  await mod.close();
});
