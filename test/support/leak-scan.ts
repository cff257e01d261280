import { inspect } from 'node:util';

/**
 * Every way an error is commonly turned into text: `message`, `String()`,
 * `JSON.stringify`, `util.inspect` (depth 10, hidden members), `stack`,
 * repeated for each error of the `cause` chain.
 */
export function errorRenderings(error: unknown): string[] {
  const texts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    texts.push(String(current));
    texts.push(JSON.stringify(current) ?? '');
    texts.push(inspect(current, { depth: 10, showHidden: true }));
    if (current instanceof Error) {
      texts.push(current.message, current.stack ?? '');
    }
    current = (current as { cause?: unknown }).cause;
  }
  return texts;
}

const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]{6,}/;

/**
 * The texts that contain any of the secrets, or `Bearer ` followed by a
 * token; an empty list means nothing leaked.
 */
export function findLeaks(texts: string[], secrets: string[]): string[] {
  const wanted = secrets.filter((s) => s.length > 0);
  return texts.filter(
    (text) => BEARER.test(text) || wanted.some((s) => text.includes(s)),
  );
}
