import type { OperonEmulatorClaims } from '../crypto/token.issuer.js';
import { newId } from './realm.factory.js';
import type { RealmStore } from './realm.store.js';
import type { OperonEmulatorApp } from './realm.types.js';

/**
 * The PROTOCOL §2.6 claims of a token issued to an app; `iat` and `exp`
 * are added by the issuer.
 * @internal
 */
export function appClaims(
  realm: RealmStore,
  app: OperonEmulatorApp,
): OperonEmulatorClaims {
  const participant = realm.findParticipant(app.participantId)?.data;

  return {
    sub: app.id,
    participant_did: participant?.did,
    participant_id: participant?.id,
    participant_name: participant?.name,
    workstream_id: app.workstreamId,
    customer_id: realm.customerId,
    workspace_id: realm.workspaceId,
    email: app.email,
    name: app.name,
    tenant_ids: [...app.tenantIds],
    roles: [...app.roles],
    member_id: `mbr-${app.id}`,
    session_id: newId('sess'),
    org_id: realm.orgId,
    client_id: app.clientId,
    azp: app.id,
  };
}
