import { ok, type EmulatorHandler } from './handler.types.js';

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function list(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * E10: the session behind a valid token, in snake_case (PROTOCOL §3.10).
 * @internal
 */
export const handleValidate: EmulatorHandler = ({ claims }, { realm }) => {
  const clientId = text(claims.client_id) ?? '';
  const app = clientId === '' ? undefined : realm.findApp(clientId);

  return ok({
    user_id: text(claims.sub) ?? text(claims.member_id) ?? clientId,
    email: text(claims.email),
    name: text(claims.name),
    customer_id: text(claims.customer_id),
    roles: list(claims.roles),
    feature_flags: structuredClone(app?.featureFlags ?? {}),
  });
};

/**
 * E11: keep-alive; the token check in front of it is the whole point.
 * @internal
 */
export const handleHeartbeat: EmulatorHandler = () => ok({ status: 'ok' });
