// The admin API as the dashboard calls it: the bearer token kept in sessionStorage, errors worded by the API.
const KEY = 'ocpi-hub-admin-token';
// The page lives at <hub>/admin/ui/: the API is one level up, wherever the hub is mounted.
const BASE = new URL('../', document.baseURI);

export const session = {
  token: () => sessionStorage.getItem(KEY),
  keep: (token) => sessionStorage.setItem(KEY, token),
  forget: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Calls /admin/<path>; answers the parsed JSON (null for 204) or throws an ApiError with the API's own message. */
export async function api(method, path, body, token = session.token()) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(new URL(path.replace(/^\//, ''), BASE), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'the hub cannot be reached');
  }
  const text = await res.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null; // not JSON: a proxy's page, say; the status tells enough
  }
  if (res.ok) return parsed;
  const error = new ApiError(res.status, parsed?.error ?? `HTTP ${res.status} ${res.statusText}`);
  // The session's token refused (not a sign-in attempt): back to the sign-in screen.
  if (res.status === 401 && token === session.token())
    document.dispatchEvent(new CustomEvent('hub:unauthorized', { detail: error.message }));
  throw error;
}

/** A query string from the set fields of an object. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
