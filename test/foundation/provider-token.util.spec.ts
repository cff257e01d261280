import { describe, expect, it } from 'vitest';
import { OperonValidationError } from '../../lib/index.js';
import { normaliseProviderToken } from '../../lib/auth/provider-token.util.js';
import type { OperonTokenRecord } from '../../lib/index.js';
import { unsignedJwt } from '../support/stub-server.js';

const JWT = unsignedJwt({
  participant_did: 'did:operon:jwt',
  participant_id: 'prtp-jwt',
  participant_name: 'Jwt Name',
  workstream_id: 'wstr-jwt',
  workspace_id: 'wksp-jwt',
  customer_id: 'cust-jwt',
  email: 'jwt@example.com',
  name: 'Jwt',
  member_id: 'mbr-jwt',
  session_id: 'sess-jwt',
  org_id: 'org-jwt',
  tenant_ids: ['t-jwt'],
  roles: ['r-jwt'],
  exp: 1893456000,
});

describe('normaliseProviderToken (PROTOCOL §2.7)', () => {
  it('fills every blank field from the JWT claims', () => {
    const token = normaliseProviderToken({
      accessToken: `  ${JWT}  `,
      participantDid: '   ',
    });
    expect(token.accessToken).toBe(JWT);
    expect(token.expiresAt).toEqual(new Date('2030-01-01T00:00:00Z'));
    expect(token.claims).toMatchObject({
      participantDid: 'did:operon:jwt',
      participantId: 'prtp-jwt',
      participantName: 'Jwt Name',
      workstreamId: 'wstr-jwt',
      workspaceId: 'wksp-jwt',
      customerId: 'cust-jwt',
      email: 'jwt@example.com',
      name: 'Jwt',
      memberId: 'mbr-jwt',
      sessionId: 'sess-jwt',
      orgId: 'org-jwt',
      tenantIds: ['t-jwt'],
      roles: ['r-jwt'],
    });
  });

  it('lets non-blank provider values win, trimmed', () => {
    const record: OperonTokenRecord = {
      accessToken: JWT,
      participantDid: ' did:operon:rec ',
      participantId: 'prtp-rec',
      participantName: 'Rec',
      workstreamId: 'wstr-rec',
      workspaceId: 'wksp-rec',
      customerId: 'cust-rec',
      email: 'rec@example.com',
      name: 'Rec Name',
      memberId: 'mbr-rec',
      sessionId: 'sess-rec',
      orgId: 'org-rec',
    };
    expect(normaliseProviderToken(record).claims).toMatchObject({
      participantDid: 'did:operon:rec',
      participantId: 'prtp-rec',
      participantName: 'Rec',
      workstreamId: 'wstr-rec',
      workspaceId: 'wksp-rec',
      customerId: 'cust-rec',
      email: 'rec@example.com',
      name: 'Rec Name',
      memberId: 'mbr-rec',
      sessionId: 'sess-rec',
      orgId: 'org-rec',
    });
  });

  it('uses the legacy channel_id claim as workstream fallback', () => {
    const jwt = unsignedJwt({ channel_id: 'chnl-9' });
    const token = normaliseProviderToken({ accessToken: jwt });
    expect(token.claims.workstreamId).toBe('chnl-9');
  });

  it('lets a provider list win when present, even empty', () => {
    const token = normaliseProviderToken({
      accessToken: JWT,
      tenantIds: [],
      roles: [' admin ', '', '  '],
    });
    expect(token.claims.tenantIds).toEqual([]);
    expect(token.claims.roles).toEqual(['admin']);
  });

  it('falls back to the claim lists when the provider has none', () => {
    const absent = normaliseProviderToken({ accessToken: JWT });
    expect(absent.claims.tenantIds).toEqual(['t-jwt']);
    expect(absent.claims.roles).toEqual(['r-jwt']);
    // null is JavaScript's Go-nil: absent as well.
    const nulls = normaliseProviderToken({
      accessToken: JWT,
      tenantIds: null as never,
      roles: null as never,
    });
    expect(nulls.claims.tenantIds).toEqual(['t-jwt']);
    expect(nulls.claims.roles).toEqual(['r-jwt']);
  });

  it('takes expiresAt from the record, else from exp, else none', () => {
    const at = new Date('2031-05-06T07:08:09Z');
    expect(
      normaliseProviderToken({ accessToken: JWT, expiresAt: at }).expiresAt,
    ).toEqual(at);
    expect(normaliseProviderToken({ accessToken: JWT }).expiresAt).toEqual(
      new Date('2030-01-01T00:00:00Z'),
    );
    expect(
      normaliseProviderToken({
        accessToken: JWT,
        expiresAt: new Date(Number.NaN),
      }).expiresAt,
    ).toEqual(new Date('2030-01-01T00:00:00Z'));
    expect(
      normaliseProviderToken({ accessToken: 'opaque-token' }).expiresAt,
    ).toBeUndefined();
  });

  it('accepts an opaque (non-JWT) token with provider fields only', () => {
    const token = normaliseProviderToken({
      accessToken: 'opaque-token',
      participantDid: 'did:operon:p',
    });
    expect(token).toEqual({
      accessToken: 'opaque-token',
      expiresAt: undefined,
      claims: { participantDid: 'did:operon:p' },
    });
  });

  const empty: Array<[string, unknown]> = [
    ['undefined record', undefined],
    ['missing token', {}],
    ['blank token', { accessToken: '   ' }],
    ['non-string token', { accessToken: 42 }],
  ];
  it.each(empty)('rejects %s', (_label, record) => {
    const call = () => normaliseProviderToken(record as OperonTokenRecord);
    expect(call).toThrow(OperonValidationError);
    expect(call).toThrow(/^token provider returned empty access token$/);
  });
});
