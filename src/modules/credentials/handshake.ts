// The credentials handshake (credentials.asciidoc), both directions: the hub as server (a party POSTs or PUTs
// to it) and the hub as client (the operator has it register with, rotate at, or leave a party).
import { config } from '../../config';
import { HUB } from '../../ocpi/routing';
import { newToken } from '../../crypto/tokens';
import type { OutboundRequest } from '../../forward/client';
import { forbidden, methodNotAllowed, unusableClientApi } from '../../ocpi/errors';
import { announceChange } from '../../parties/announce';
import type { PartyCaller } from '../../parties/auth';
import * as parties from '../../parties/store';
import { hubVersionsUrl, VERSION, VERSION_211 } from '../versions/routes';
import type { Endpoint } from '../versions/schema';
import { call, credentialsCodec, discover } from './discover';
import type { Credentials } from './schema';

export const hubCredentials = (token: string): Credentials => ({
  token,
  url: hubVersionsUrl(),
  roles: [
    { role: 'HUB', business_details: { name: config.name }, party_id: HUB.party_id, country_code: HUB.country_code },
  ],
});

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
