// The credentials handshake (credentials.asciidoc), both directions: the hub as server (a party POSTs or PUTs
// to it) and the hub as client (the operator has it register with, rotate at, or leave a party).
import { config } from '../../config';
import { HUB } from '../../ocpi/routing';
import { newToken } from '../../crypto/tokens';
import { type DeliveryFailed, send, type OutboundRequest } from '../../forward/client';
import { log } from '../../log';
import { isEnvelope } from '../../ocpi/envelope';
import { withoutNulls } from '../../ocpi/nulls';
import {
  forbidden,
  methodNotAllowed,
  noMatchingEndpoints,
  unsupportedVersion,
  unusableClientApi,
} from '../../ocpi/errors';
import { announceChange } from '../../parties/announce';
import type { PartyCaller } from '../../parties/auth';
import * as parties from '../../parties/store';
import { hubVersionsUrl, VERSION, VERSION_211, VERSION_230 } from '../versions/routes';
import { VersionDetails, VersionDetails211, VersionList, type Endpoint } from '../versions/schema';
import { interfaceOf211 } from '../versions/v211';
import { Credentials } from './schema';
import { Credentials211, fromFlat, singleRole, toFlat } from './v211';
import { toCredentials230 } from './v230';

export const hubCredentials = (token: string): Credentials => ({
  token,
  url: hubVersionsUrl(),
  roles: [
    { role: 'HUB', business_details: { name: config.name }, party_id: HUB.party_id, country_code: HUB.country_code },
  ],
});

/** One call into the party's API; anything but an OCPI success is "unable to use the client's API" (3001). */
async function call(req: OutboundRequest, what: string): Promise<unknown> {
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

/** Credentials as the party's version writes them (2.1.1: flat, with the platform's single declared role; 2.3.0: hub_party_id and tradable roles). */
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

/** A party must register with exactly the roles the operator declared (case-insensitive codes). */
function assertDeclaredRoles(platform: parties.Platform, roles: Credentials['roles']): void {
  const declared = new Set(platform.declared_roles.map(parties.roleKey));
  const sent = new Set(roles.map(parties.roleKey));
  const same = declared.size === sent.size && [...sent].every((k) => declared.has(k));
  if (!same || sent.size !== roles.length) {
    throw forbidden(
      `roles ${[...sent].join(', ')} are not the roles the hub operator declared for this registration (${[...declared].join(', ')})`,
    );
  }
}

/** The hub as server: a party POSTs (Token A) or PUTs (Token C) its credentials at the `version` it chose. */
export async function acceptCredentials(
  caller: PartyCaller,
  body: Credentials,
  method: 'POST' | 'PUT',
  version = VERSION,
): Promise<Credentials> {
  const { platform } = caller;
  if (caller.tokenKind === 'pending')
    throw methodNotAllowed('the hub is still waiting for your answer to its own credentials request');
  if (method === 'POST' && caller.tokenKind === 'C')
    throw methodNotAllowed('already registered: use PUT to update or DELETE to unregister');
  if (method === 'PUT' && caller.tokenKind === 'A')
    throw methodNotAllowed('not registered: POST your credentials first');
  assertDeclaredRoles(platform, body.roles);
  const encoding = version === VERSION_211 ? 'raw' : (platform.token_encoding ?? 'base64');
  const found = await discover(body.url, body.token, encoding, { only: version, partyRole: body.roles[0]?.role });
  const tokenC = newToken();
  const expect = caller.tokenKind === 'A' ? parties.expectTokenA(caller.token) : parties.expectTokenC(caller.token);
  const saved = await parties.saveConnection(
    platform._id,
    { ...found, tokenB: body.token, tokenC, roles: body.roles },
    expect,
  );
  if (!saved) throw methodNotAllowed('this token was used by another registration meanwhile');
  await announceChange(platform, saved);
  return hubCredentials(tokenC);
}

const credentialsUrl = (endpoints: Endpoint[]) => endpoints.find((e) => e.identifier === 'credentials')?.url ?? '';

const partyRoleOf = (platform: parties.Platform) => platform.declared_roles[0]?.role;

/**
 * The hub's credentials POST or PUT with its new Token C. The party calls the hub back with that token while
 * handling it, so it is valid from the moment it is sent; unless the party answers 1000 it is withdrawn again.
 */
async function offerCredentials(
  platform: parties.Platform,
  version: string | undefined,
  req: Omit<OutboundRequest, 'body'>,
  tokenC: string,
): Promise<Credentials> {
  const codec = credentialsCodec(version, platform);
  await parties.offerTokenC(platform._id, tokenC);
  try {
    const theirs = codec.read(
      await call({ ...req, body: await codec.out(hubCredentials(tokenC)) }, "the party's credentials endpoint"),
    );
    if (!theirs.success)
      throw unusableClientApi(`the party answered invalid credentials: ${theirs.error.issues[0]?.message}`);
    return theirs.data;
  } catch (error) {
    await parties.withdrawTokenC(platform._id, tokenC);
    throw error;
  }
}

/** The hub as client: POST its own new token to the party, keep the token the party returns. */
export async function registerWithParty(platform: parties.Platform, versionsUrl: string, partyToken: string) {
  let found = await discover(versionsUrl, partyToken, platform.token_encoding ?? 'base64', {
    partyRole: partyRoleOf(platform),
  });
  const encoding = found.token_encoding;
  const tokenC = newToken();
  const url = credentialsUrl(found.endpoints);
  const theirs = await offerCredentials(
    platform,
    found.version,
    { method: 'POST', url, token: partyToken, tokenEncoding: encoding },
    tokenC,
  );
  try {
    assertDeclaredRoles(platform, theirs.roles);
    if (theirs.url !== versionsUrl)
      found = await discover(theirs.url, theirs.token, encoding, {
        only: found.version,
        partyRole: partyRoleOf(platform),
      });
  } catch (error) {
    // The party took the hub's token, but the hub will not connect: end it there too, and forget the token here.
    await leaveParty(url, theirs.token, encoding);
    await parties.withdrawTokenC(platform._id, tokenC);
    throw error;
  }
  const saved = await parties.saveConnection(platform._id, {
    ...found,
    tokenB: theirs.token,
    tokenC,
    roles: theirs.roles,
  });
  await announceChange(platform, saved);
  return saved;
}

/**
 * Hub-initiated PUT: a new hub token, and whatever token and endpoints the party answers with. Until the party
 * answered, the old tokens and the offered one all work; once it answered 1000 only the new ones do.
 */
export async function rotateWithParty(platform: parties.Platform) {
  const encoding = platform.token_encoding ?? 'base64';
  const tokenC = newToken();
  const req = {
    method: 'PUT' as const,
    url: credentialsUrl(platform.endpoints),
    token: parties.tokenB(platform) ?? '',
    tokenEncoding: encoding,
  };
  const theirs = await offerCredentials(platform, platform.version, req, tokenC);
  await parties.saveTokens(platform._id, theirs.token, tokenC);
  assertDeclaredRoles(platform, theirs.roles);
  const found = await discover(theirs.url, theirs.token, encoding, {
    only: platform.version,
    partyRole: partyRoleOf(platform),
  });
  const saved = await parties.saveConnection(platform._id, {
    ...found,
    tokenB: theirs.token,
    tokenC,
    roles: theirs.roles,
  });
  await announceChange(platform, saved);
  return saved;
}

/** Hub-initiated DELETE; best effort, since the hub forgets the party's tokens whatever it answers. */
export async function leaveParty(
  url: string,
  token: string,
  tokenEncoding: 'base64' | 'raw',
): Promise<string | undefined> {
  try {
    await call({ method: 'DELETE', url, token, tokenEncoding }, "the party's credentials endpoint");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export const leaveRegisteredParty = (platform: parties.Platform) =>
  leaveParty(credentialsUrl(platform.endpoints), parties.tokenB(platform) ?? '', platform.token_encoding ?? 'base64');
