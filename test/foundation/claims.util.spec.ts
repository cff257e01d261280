import { describe, expect, it } from 'vitest';
import { decodeTokenClaims } from '../../lib/index.js';
import { mergeClaims } from '../../lib/auth/claims.util.js';
import { unsignedJwt } from '../support/stub-server.js';

// PROTOCOL §11.5, verbatim.
const SAMPLE_JWT =
  'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJwYXJ0aWNpcGFudF9kaWQiOiJkaWQ6b3Blcm9uOmRlbW8iLCJwYXJ0aWNpcGFudF9pZCI6InBydHAtMTIzIiwicGFydGljaXBhbnRfbmFtZSI6IkRlbW8gUGFydGljaXBhbnQiLCJ3b3Jrc3RyZWFtX2lkIjoid3N0ci1hYmMiLCJjdXN0b21lcl9pZCI6ImN1c3QtMSIsIndvcmtzcGFjZV9pZCI6Indrc3AtMSIsImVtYWlsIjoic3ZjQGV4YW1wbGUuY29tIiwibmFtZSI6IlN2YyIsInRlbmFudF9pZHMiOlsidGVuYW50LTEiXSwicm9sZXMiOlsibTJtIl0sIm1lbWJlcl9pZCI6Im1ici0xIiwic2Vzc2lvbl9pZCI6InNlc3MtMSIsIm9yZ19pZCI6Im9yZy0xIiwiY2xpZW50X2lkIjoibTJtYy0xMjMiLCJhenAiOiJhcHAtMTIzIiwiZXhwIjoxODkzNDU2MDAwfQ.sig';
const LEGACY_JWT =
  'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJjaGFubmVsX2lkIjoiY2hubC0xMjMifQ.sig';

const SAMPLE_PAYLOAD = {
  participant_did: 'did:operon:demo',
  participant_id: 'prtp-123',
  participant_name: 'Demo Participant',
  workstream_id: 'wstr-abc',
  customer_id: 'cust-1',
  workspace_id: 'wksp-1',
  email: 'svc@example.com',
  name: 'Svc',
  tenant_ids: ['tenant-1'],
  roles: ['m2m'],
  member_id: 'mbr-1',
  session_id: 'sess-1',
  org_id: 'org-1',
  client_id: 'm2mc-123',
  azp: 'app-123',
  exp: 1893456000,
};

const SAMPLE_CLAIMS = {
  participantDid: 'did:operon:demo',
  participantId: 'prtp-123',
  participantName: 'Demo Participant',
  workstreamId: 'wstr-abc',
  customerId: 'cust-1',
  workspaceId: 'wksp-1',
  email: 'svc@example.com',
  name: 'Svc',
  tenantIds: ['tenant-1'],
  roles: ['m2m'],
  memberId: 'mbr-1',
  sessionId: 'sess-1',
  orgId: 'org-1',
  clientId: 'm2mc-123',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
};

describe('decodeTokenClaims (PROTOCOL §2.6, §11.5)', () => {
  it('decodes the §11.5 sample JWT to the documented values', () => {
    expect(decodeTokenClaims(SAMPLE_JWT)).toEqual(SAMPLE_CLAIMS);
    expect(decodeTokenClaims(SAMPLE_JWT).expiresAt?.toISOString()).toBe(
      '2030-01-01T00:00:00.000Z',
    );
  });

  it('reads the legacy channel_id as the workstream', () => {
    expect(decodeTokenClaims(LEGACY_JWT)).toEqual({ workstreamId: 'chnl-123' });
  });

  it('prefers workstream_id and falls back to channel_id when blank', () => {
    const both = { workstream_id: 'wstr-1', channel_id: 'chnl-1' };
    expect(decodeTokenClaims(unsignedJwt(both)).workstreamId).toBe('wstr-1');
    const blank = { workstream_id: '  ', channel_id: ' chnl-1 ' };
    expect(decodeTokenClaims(unsignedJwt(blank)).workstreamId).toBe('chnl-1');
    const wrong = { workstream_id: 42, channel_id: 'chnl-2' };
    expect(decodeTokenClaims(unsignedJwt(wrong)).workstreamId).toBe('chnl-2');
  });

  it('uses azp as client ID only when client_id is blank or not a string', () => {
    const token = (c: Record<string, unknown>) =>
      decodeTokenClaims(unsignedJwt(c)).clientId;
    expect(token({ client_id: 'c-1', azp: 'a-1' })).toBe('c-1');
    expect(token({ client_id: ' ', azp: 'a-1' })).toBe('a-1');
    expect(token({ client_id: 7, azp: 'a-1' })).toBe('a-1');
    expect(token({ azp: ' a-2 ' })).toBe('a-2');
    expect(token({})).toBeUndefined();
  });

  it('trims strings, drops blanks and cleans lists item by item', () => {
    const claims = decodeTokenClaims(
      unsignedJwt({
        participant_did: '  did:operon:x  ',
        email: '   ',
        roles: [' admin ', '', '  ', 3, null, 'm2m'],
        tenant_ids: [],
      }),
    );
    expect(claims).toEqual({
      participantDid: 'did:operon:x',
      roles: ['admin', 'm2m'],
      tenantIds: [],
    });
  });

  it('truncates a fractional exp and ignores non-positive ones', () => {
    const exp = (value: unknown) =>
      decodeTokenClaims(unsignedJwt({ exp: value })).expiresAt;
    expect(exp(1893456000.9)?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(exp(0)).toBeUndefined();
    expect(exp(-5)).toBeUndefined();
    expect(exp(1e300)).toBeUndefined();
  });

  // Each row breaks one claim; every other claim must survive (§10.2 #4).
  const wrongTypes: Array<[string, unknown, keyof typeof SAMPLE_CLAIMS]> = [
    ['participant_did', 12, 'participantDid'],
    ['participant_id', 123, 'participantId'],
    ['participant_name', { first: 'x' }, 'participantName'],
    ['customer_id', true, 'customerId'],
    ['workspace_id', ['wksp-1'], 'workspaceId'],
    ['email', null, 'email'],
    ['name', 1.5, 'name'],
    ['tenant_ids', 'tenant-1', 'tenantIds'],
    ['roles', 'm2m', 'roles'],
    ['roles', { 0: 'm2m' }, 'roles'],
    ['member_id', false, 'memberId'],
    ['session_id', {}, 'sessionId'],
    ['org_id', [], 'orgId'],
    ['exp', '1893456000', 'expiresAt'],
    ['exp', null, 'expiresAt'],
  ];
  it.each(wrongTypes)(
    'ignores %s of the wrong type (%j) and keeps the rest',
    (key, value, field) => {
      const payload = { ...SAMPLE_PAYLOAD, [key]: value };
      const expected: Record<string, unknown> = { ...SAMPLE_CLAIMS };
      delete expected[field];
      expect(decodeTokenClaims(unsignedJwt(payload))).toEqual(expected);
    },
  );

  it('drops workstream and client ID only when every source is unusable', () => {
    const payload = {
      ...SAMPLE_PAYLOAD,
      workstream_id: 1,
      client_id: 2,
      azp: 3,
    };
    const expected: Record<string, unknown> = { ...SAMPLE_CLAIMS };
    delete expected.workstreamId;
    delete expected.clientId;
    expect(decodeTokenClaims(unsignedJwt(payload))).toEqual(expected);
  });

  it('decodes a padded standard-base64 payload (Go fallback)', () => {
    const claims = { participant_did: 'did:operon:>>>???', name: 'ÿÿ~~' };
    const std = Buffer.from(JSON.stringify(claims)).toString('base64');
    expect(std).toMatch(/[+/]/);
    expect(std).toMatch(/=$/);
    expect(decodeTokenClaims(`e30.${std}.sig`)).toEqual({
      participantDid: 'did:operon:>>>???',
      name: 'ÿÿ~~',
    });
  });

  it('needs two segments only; header and signature are ignored', () => {
    const payload = Buffer.from('{"org_id":"org-9"}').toString('base64url');
    expect(decodeTokenClaims(`garbage.${payload}`)).toEqual({
      orgId: 'org-9',
    });
    expect(decodeTokenClaims(`.${payload}.`)).toEqual({ orgId: 'org-9' });
  });

  const garbage: Array<[string, unknown]> = [
    ['empty string', ''],
    ['one segment', 'abcdef'],
    ['payload is not base64 JSON', 'a.b.c'],
    ['payload is JSON null', `a.${Buffer.from('null').toString('base64url')}`],
    [
      'payload is a JSON array',
      `a.${Buffer.from('["x"]').toString('base64url')}`,
    ],
    [
      'payload is a JSON string',
      `a.${Buffer.from('"x"').toString('base64url')}`,
    ],
    ['payload is a number', `a.${Buffer.from('42').toString('base64url')}`],
    ['only dots', '...'],
    ['not a string', undefined],
    ['a number', 42],
  ];
  it.each(garbage)('yields no claims for garbage: %s', (_label, token) => {
    expect(decodeTokenClaims(token as string)).toEqual({});
  });
});

describe('mergeClaims', () => {
  it('keeps cached values a fresh token lacks and overwrites the others', () => {
    const cached = { participantDid: 'did:a', workstreamId: 'w-1' };
    const fresh = { workstreamId: 'w-2', roles: [] };
    expect(mergeClaims(cached, fresh)).toEqual({
      participantDid: 'did:a',
      workstreamId: 'w-2',
      roles: [],
    });
    expect(cached).toEqual({ participantDid: 'did:a', workstreamId: 'w-1' });
  });
});
