// Calls below a partner's endpoint URL: the URL exactly as the partner listed it in its version details.
// transport_and_format: `{endpoint_url}/{country_code}/...` appends with one `/`; a call to the endpoint itself
// (CDR POST, Sender GET list, a command's `{url}/{command}` base) keeps the URL as listed, trailing `/` included,
// since some servers answer 307 to the other form.

/** `base` as listed, then `path` ('/a/b', 'a/b', '?q=1' or '') joined with exactly one `/`. */
export function joinUrl(base: string, path = ''): string {
  if (path === '' || path.startsWith('?') || path.startsWith('#')) return base + path;
  const [head, query] = splitQuery(base);
  return `${head.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}${query}`;
}

/** A listed URL carrying its own query string keeps it after the appended path. */
function splitQuery(url: string): [string, string] {
  const at = url.indexOf('?');
  return at < 0 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}

/** `/{cc}/{pid}/{id}/...` as forwarded to a receiver, each segment as the sender wrote it. */
export const subpath = (...segments: (string | undefined)[]) =>
  segments
    .filter((s): s is string => s !== undefined)
    .map((s) => `/${encodeURIComponent(s)}`)
    .join('');
