/** A response with its body read as JSON (or text when it is not JSON). */
export interface Answer {
  status: number;
  body: any;
}

/** One real HTTP request with `fetch`, bounded by a timeout. */
export async function call(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> },
): Promise<Answer> {
  const res = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, body };
}

/** POSTs `body` as it is, labelled as JSON. */
export function postJson(url: string, body: string): Promise<Answer> {
  return call(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
}
