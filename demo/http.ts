// The demo's HTTP client (fetch): OCPI's Token scheme for parties, the bearer scheme for the operator, always with a
// timeout.
export interface Envelope<T = unknown> {
  data?: T;
  status_code: number;
  status_message?: string;
  timestamp: string;
}

export interface Answer<T = Envelope> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  /** An OCPI token, sent base64-encoded as 2.2.1 says. */
  token?: string;
  bearer?: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export async function call<T = Envelope>(method: string, url: string, o: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token !== undefined) headers.Authorization = `Token ${Buffer.from(o.token).toString('base64')}`;
  if (o.bearer !== undefined) headers.Authorization = `Bearer ${o.bearer}`;
  const body = o.body === undefined ? undefined : JSON.stringify(o.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the raw text is the body
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** "201 / 1000": the HTTP status and, when the body is an OCPI envelope, its status_code. */
export const statusOf = (a: Answer) => {
  const code = (a.body as { status_code?: number } | undefined)?.status_code;
  return code === undefined ? `${a.status}` : `${a.status}/${code}`;
};

/** Throws unless the answer is a 2xx whose envelope (if any) says 1000. */
export function assertOk(a: Answer, what: string): void {
  const code = (a.body as { status_code?: number } | undefined)?.status_code;
  if (a.status < 200 || a.status >= 300 || (code !== undefined && code !== 1000)) {
    throw new Error(`${what}: ${statusOf(a)} ${JSON.stringify(a.body).slice(0, 300)}`);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until check() returns a value, or fails after timeoutMs naming what it waited for. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: nothing within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}
