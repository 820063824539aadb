// Reading a party's side of the handshake (credentials.asciidoc, version_information_endpoint): one call into its
// API, its versions and the details of the highest version both sides speak, and credentials in its version's shape.
import { type DeliveryFailed, send, type OutboundRequest } from '../../forward/client';
import { log } from '../../log';
import { isEnvelope } from '../../ocpi/envelope';
import { withoutNulls } from '../../ocpi/nulls';
import { noMatchingEndpoints, unsupportedVersion, unusableClientApi } from '../../ocpi/errors';
import type * as parties from '../../parties/store';
import { VERSION, VERSION_211, VERSION_230 } from '../versions/routes';
import { VersionDetails, VersionDetails211, VersionList, type Endpoint } from '../versions/schema';
import { interfaceOf211 } from '../versions/v211';
import { Credentials } from './schema';
import { Credentials211, fromFlat, singleRole, toFlat } from './v211';
import { toCredentials230 } from './v230';

/** One call into the party's API; anything but an OCPI success is "unable to use the client's API" (3001). */
export async function call(req: OutboundRequest, what: string): Promise<unknown> {
  let res;
  try {
    res = await send(req);
  } catch (error) {
    const failure = error as DeliveryFailed;
    if (failure.kind === 'url') throw unusableClientApi(`${what}: ${failure.message}`);
    // Refused, reset, timed out or a private address: one answer, so registration cannot scan networks.
    log.info('registration: a party URL could not be used', {
      url: req.url,
      kind: failure.kind,
      error: failure.message,
    });
    throw unusableClientApi(`${what} at ${req.url} could not be reached`);
  }
  if (!isEnvelope(res.body))
    throw unusableClientApi(`${what} at ${req.url} did not answer an OCPI response (HTTP ${res.status})`);
  if (res.status >= 300 || res.body.status_code !== 1000) {
    const message = res.body.status_message ? `: ${res.body.status_message}` : '';
    throw unusableClientApi(
      `${what} at ${req.url} answered HTTP ${res.status}, status_code ${res.body.status_code}${message}`,
    );
  }
  return withoutNulls(res.body.data); // real parties send null for empty optional fields
}

export interface Discovered {
  version: string;
  versions_url: string;
  endpoints: Endpoint[];
  /** How the party reads the token: 2.1.1 parties read it raw (transport_and_format.md of 2.1.1). */
  token_encoding: 'base64' | 'raw';
}

/** The versions the hub speaks, highest first: the highest both sides list is used. */
const SPOKEN = [VERSION_230, VERSION, VERSION_211];
type Encoding = 'base64' | 'raw';

/** The party's version list; a 2.1.1 party refuses a base64 token, so a refusal is retried once with it raw. */
async function readVersions(
  url: string,
  token: string,
  encoding: Encoding,
): Promise<{ list: unknown; encoding: Encoding }> {
  const what = "the party's versions endpoint";
  try {
    return { list: await call({ method: 'GET', url, token, tokenEncoding: encoding }, what), encoding };
  } catch (error) {
    if (encoding === 'raw') throw error;
    return {
      list: await call({ method: 'GET', url, token, tokenEncoding: 'raw' }, what).catch(() => {
        throw error;
      }),
      encoding: 'raw',
    };
  }
}

/**
 * Reads the party's versions and the details of the highest version both sides speak (or of `only`, the version
 * a party registered at). 2.1.1 details have no roles: the party's declared role tells which side each URL is.
 */
export async function discover(
  versionsUrl: string,
  token: string,
  tokenEncoding: Encoding,
  o: { only?: string; partyRole?: string } = {},
): Promise<Discovered> {
  const read = await readVersions(versionsUrl, token, tokenEncoding);
  const versions = VersionList.safeParse(read.list);
  if (!versions.success)
    throw unusableClientApi(
      `the party's versions list at ${versionsUrl} is not valid: ${versions.error.issues[0]?.message}`,
    );
  const version = (o.only ? [o.only] : SPOKEN).find((v) => versions.data.some((p) => p.version === v));
  const match = versions.data.find((v) => v.version === version);
  if (!version || !match) {
    throw unsupportedVersion(
      `no common version: the hub speaks ${(o.only ? [o.only] : SPOKEN).join(', ')}, the party offers ${versions.data.map((v) => v.version).join(', ') || 'none'}`,
    );
  }
  const encoding = version === VERSION_211 ? 'raw' : read.encoding;
  const raw = await call(
    { method: 'GET', url: match.url, token, tokenEncoding: encoding },
    "the party's version details",
  );
  const endpoints =
    version === VERSION_211 ? endpoints211(raw, o.partyRole ?? '', match.url) : endpoints221(raw, match.url);
  if (!endpoints.some((e) => e.identifier === 'credentials'))
    throw noMatchingEndpoints(`the party's ${version} details list no credentials endpoint`);
  return { version, versions_url: versionsUrl, endpoints, token_encoding: encoding };
}

function endpoints221(raw: unknown, url: string): Endpoint[] {
  const details = VersionDetails.safeParse(raw);
  if (!details.success)
    throw unusableClientApi(
      `the party's ${VERSION} details at ${url} are not valid: ${details.error.issues[0]?.message}`,
    );
  return details.data.endpoints;
}

function endpoints211(raw: unknown, partyRole: string, url: string): Endpoint[] {
  const details = VersionDetails211.safeParse(raw);
  if (!details.success)
    throw unusableClientApi(
      `the party's ${VERSION_211} details at ${url} are not valid: ${details.error.issues[0]?.message}`,
    );
  return details.data.endpoints.map((e) => ({
    identifier: e.identifier,
    role: interfaceOf211(e.identifier, partyRole),
    url: e.url,
  }));
}

/**
 * Credentials as the party's version writes them (2.1.1: flat, with the platform's single declared role; 2.3.0:
 * hub_party_id and tradable roles).
 */
export function credentialsCodec(version: string | undefined, platform: parties.Platform) {
  if (version === VERSION_230)
    return {
      out: (c: Credentials): Promise<unknown> => toCredentials230(c, platform),
      read: (data: unknown) => Credentials.safeParse(data),
    };
  if (version !== VERSION_211)
    return { out: (c: Credentials) => c as unknown, read: (data: unknown) => Credentials.safeParse(data) };
  const role = singleRole(platform.declared_roles);
  return {
    out: (c: Credentials) => toFlat(c) as unknown,
    read: (data: unknown) => {
      const flat = Credentials211.safeParse(data);
      return flat.success ? { success: true as const, data: fromFlat(flat.data, role), error: undefined } : flat;
    },
  };
}
