// A small HTTP client for tests (fetch), speaking OCPI's Token scheme and the admin bearer scheme.
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  token?: string;
  /** Send the token unencoded, as many 2.1.1 parties do. */
  rawToken?: boolean;
  bearer?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** A body sent exactly as given (e.g. invalid JSON). */
  rawBody?: string;
}

export async function call<T = any>(method: string, url: string, o: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token !== undefined)
    headers.Authorization = `Token ${o.rawToken ? o.token : Buffer.from(o.token).toString('base64')}`;
  if (o.bearer !== undefined) headers.Authorization = `Bearer ${o.bearer}`;
  let body: string | undefined = o.rawBody;
  if (o.body !== undefined) body = JSON.stringify(o.body);
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the raw text is the body
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}
