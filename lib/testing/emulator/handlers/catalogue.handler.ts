import { EmulatorHttpError } from '../http/emulator-http.error.js';
import type { RealmStore } from '../realm/realm.store.js';
import { interactionItem, participantItem } from '../realm/realm.views.js';
import type { OperonEmulatorClaims } from '../crypto/token.issuer.js';
import { ok, type EmulatorHandler } from './handler.types.js';

// Every list fits one page (PROTOCOL §13.2); the size is the fixtures' one.
const PAGE_SIZE = 1000;

function tokenWorkstream(claims: OperonEmulatorClaims): string | undefined {
  const id = claims.workstream_id || claims.channel_id;

  return typeof id === 'string' && id !== '' ? id : undefined;
}

function requireWorkstream(realm: RealmStore, id: string | undefined) {
  const workstream = id === undefined ? undefined : realm.findWorkstream(id);
  if (workstream === undefined) {
    throw new EmulatorHttpError(
      404,
      'WORKSTREAM_NOT_FOUND',
      `workstream ${id ?? ''} not found`,
    );
  }

  return workstream;
}

function page(name: string, items: unknown[]) {
  return {
    [name]: items,
    totalCount: items.length,
    page: 1,
    pageSize: PAGE_SIZE,
    hasMore: false,
  };
}

/**
 * E4: interactions visible to the token (its workstream, or all when the
 * token is not scoped to one).
 * @internal
 */
export const handleInteractions: EmulatorHandler = (req, { realm }) => {
  const scope = tokenWorkstream(req.claims);
  const data = realm
    .interactionsIn(scope)
    .map((i) => interactionItem(i, realm.findWorkstream(i.workstreamId)));

  return ok({ data });
};

/**
 * E5: participants visible to the token, scoped like E4.
 * @internal
 */
export const handleParticipants: EmulatorHandler = (req, { realm }) => {
  const scope = tokenWorkstream(req.claims);
  const workstream =
    scope === undefined ? undefined : realm.findWorkstream(scope);
  const data = realm
    .participantsIn(scope)
    .map((p) =>
      participantItem(
        p,
        workstream ?? realm.findWorkstream(p.workstreamIds[0] ?? ''),
      ),
    );

  return ok({ data });
};

/**
 * E6: one workstream.
 * @internal
 */
export const handleWorkstream: EmulatorHandler = (req, { realm }) =>
  ok(requireWorkstream(realm, req.params.workstreamId));

/**
 * E7: a workstream's interactions, one page.
 * @internal
 */
export const handleWorkstreamInteractions: EmulatorHandler = (
  req,
  { realm },
) => {
  const workstream = requireWorkstream(realm, req.params.workstreamId);
  const items = realm
    .interactionsIn(workstream.id)
    .map((i) => interactionItem(i, workstream));

  return ok(page('interactions', items));
};

/**
 * E8: a workstream's participants, one page.
 * @internal
 */
export const handleWorkstreamParticipants: EmulatorHandler = (
  req,
  { realm },
) => {
  const workstream = requireWorkstream(realm, req.params.workstreamId);
  const items = realm
    .participantsIn(workstream.id)
    .map((p) => participantItem(p, workstream));

  return ok(page('participants', items));
};
