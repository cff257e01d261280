import type {
  OperonEmulatorInteraction,
  OperonEmulatorParticipant,
  OperonEmulatorWorkstream,
} from './realm.types.js';

/**
 * A participant as the list endpoints (E5, E8) send it, seen from one of
 * its workstreams.
 * @internal
 */
export function participantItem(
  participant: OperonEmulatorParticipant,
  workstream: OperonEmulatorWorkstream | undefined,
): Record<string, unknown> {
  const { keys: _keys, workstreamIds, ...item } = participant;
  const workstreamId = workstream?.id ?? workstreamIds[0];

  return { ...item, workstreamId, workstreamName: workstream?.name };
}

/**
 * An interaction as the list endpoints (E4, E7) send it. The test-only DIDs
 * stay out: clients must derive them from the participants (§4.2).
 * @internal
 */
export function interactionItem(
  interaction: OperonEmulatorInteraction,
  workstream: OperonEmulatorWorkstream | undefined,
): Record<string, unknown> {
  const { sourceDid: _s, targetDid: _t, ...item } = interaction;

  return {
    ...item,
    workstreamName: workstream?.name,
    workstreams: [interaction.workstreamId],
  };
}

/**
 * A DID document with one `JsonWebKey2020` method per key (§13.2).
 * @internal
 */
export function didDocument(
  participant: OperonEmulatorParticipant,
): Record<string, unknown> {
  const { did } = participant;
  const ids = participant.keys.map((key) => key.keyId);

  return {
    '@context': [
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/suites/jws-2020/v1',
    ],
    id: did,
    verificationMethod: participant.keys.map((key) => ({
      id: key.keyId,
      type: 'JsonWebKey2020',
      controller: did,
      publicKeyJwk: key.publicJwk,
    })),
    authentication: ids,
    assertionMethod: ids,
    service: [],
  };
}
