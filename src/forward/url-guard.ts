// Partner URLs must be https and must not lead into loopback or private networks, unless HUB_ALLOW_PRIVATE_URLS.
import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { config } from '../config';

export class UrlRefused extends Error {}

const PRIVATE_V4 = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16],
  [0xac100000, 12], [0xc0a80000, 16], [0xc6120000, 15], [0xe0000000, 3],
] as const;

function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const n = address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    return PRIVATE_V4.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
  }
  const a = address.toLowerCase();
  if (a.startsWith('::ffff:')) return isPrivateAddress(a.slice(7));
  return a === '::' || a === '::1' || a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe8') || a.startsWith('fe9') || a.startsWith('fea') || a.startsWith('feb') || a.startsWith('ff');
}

const hint = 'set HUB_ALLOW_PRIVATE_URLS=true to allow it in development';

/** Checks what can be checked before connecting: the scheme, and a host given as a literal address. */
export function assertPartnerUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UrlRefused(`not a valid URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UrlRefused(`unsupported URL scheme ${parsed.protocol}`);
  if (config.allowPrivateUrls) return parsed;
  if (parsed.protocol !== 'https:') throw new UrlRefused(`partner URLs must use https (${url}); ${hint}`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isPrivateAddress(host)) throw new UrlRefused(`partner URL leads to a private address (${url}); ${hint}`);
  return parsed;
}

/** Used as the sockets' DNS lookup, so the address really connected to is the one checked (no rebinding). */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as dns.LookupAddress[];
    if (!config.allowPrivateUrls) {
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(new UrlRefused(`${hostname} resolves to a private address (${bad.address}); ${hint}`), '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0];
    if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
    callback(null, first.address, first.family);
  });
};
