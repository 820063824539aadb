// Partner URLs must be https and must not lead into loopback or private networks, unless HUB_ALLOW_PRIVATE_URLS.
// Every address, a literal in the URL or one a name resolves to, is first reduced to the IPv4 address it embeds
// (mapped, compatible, translated, NAT64, 6to4), so no IPv6 spelling of an internal address gets through.
import dns from 'node:dns';
import { BlockList, isIP, isIPv4, isIPv6, type LookupFunction } from 'node:net';
import { config } from '../config';

export class UrlRefused extends Error {
  /** `address`: refused for where it leads (a private address), not for how the URL is written. */
  constructor(
    message: string,
    readonly address = false,
  ) {
    super(message);
  }
}

// Not routable on the public internet, or special-purpose (IANA registries; RFC 6890 and successors).
const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback and IPv4-compatible; the embedded IPv4 address is checked too
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted quad becomes two groups). */
function groupsOf(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  let text = address;
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const quad = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');

/** The IPv4 address an IPv6 address stands for, where it embeds one that a gateway or the kernel would use. */
function embeddedIPv4(g: number[]): string | undefined {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && (g[5] === 0 || g[5] === 0xffff)) return quad(g[6]!, g[7]!); // ::a.b.c.d, ::ffff:a.b.c.d
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return quad(g[6]!, g[7]!); // ::ffff:0:a.b.c.d (SIIT)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return quad(g[6]!, g[7]!); // NAT64 64:ff9b::/96
  if (g[0] === 0x2002) return quad(g[1]!, g[2]!); // 6to4 2002:AABB:CCDD::/48
  return undefined;
}

/** True for an address the hub must not connect to, however it is spelled; anything not an IP address is refused. */
export function isPrivateAddress(address: string): boolean {
  const plain = address
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  if (isIPv4(plain)) return BLOCKED.check(plain, 'ipv4');
  if (!isIPv6(plain)) return true;
  const v4 = embeddedIPv4(groupsOf(plain));
  return BLOCKED.check(plain, 'ipv6') || (v4 !== undefined && BLOCKED.check(v4, 'ipv4'));
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
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new UrlRefused(`unsupported URL scheme ${parsed.protocol}`);
  if (config.allowPrivateUrls) return parsed;
  if (parsed.protocol !== 'https:') throw new UrlRefused(`partner URLs must use https (${url}); ${hint}`);
  // The WHATWG parser already turned decimal, octal, hex and short IPv4 forms into dotted quads.
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isPrivateAddress(host))
    throw new UrlRefused(`partner URL leads to a private address (${url}); ${hint}`, true);
  return parsed;
}

/** Used as the sockets' DNS lookup, so the address really connected to is the one checked (no rebinding). */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as dns.LookupAddress[];
    if (!config.allowPrivateUrls) {
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad)
        return callback(
          new UrlRefused(`${hostname} resolves to a private address (${bad.address}); ${hint}`, true),
          '',
          0,
        );
    }
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0];
    if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
    callback(null, first.address, first.family);
  });
};
