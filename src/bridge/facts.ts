// What the version boundary needs to know that a body does not carry, read from the hub's stores: the token a
// 2.1.1 auth_id means, the location a session or CDR happened at, the tariff a 2.1.1 PATCH changes.
import type { ConvertContext } from '../convert';
import { locationKey, locations } from '../modules/locations/store';
import { tariffKey, tariffs } from '../modules/tariffs/store';
import { tokenByContract, tokenKey, tokens } from '../modules/tokens/store';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The 2.2.1 CdrToken for a 2.1.1 auth_id, when the hub holds a token with that contract_id. */
async function cdrToken(authId: unknown): Promise<Obj | undefined> {
  if (typeof authId !== 'string') return undefined;
  const t = await tokenByContract(authId);
  return (
    t && { country_code: t.country_code, party_id: t.party_id, uid: t.uid, type: t.type, contract_id: t.contract_id }
  );
}

async function storedLocation(countryCode: unknown, partyId: unknown, id: unknown): Promise<Obj | undefined> {
  if (typeof id !== 'string' || typeof countryCode !== 'string' || typeof partyId !== 'string') return undefined;
  const doc = await locations.get({ key: locationKey(`${countryCode}*${partyId}`.toUpperCase(), id) });
  return doc ? locations.decode(doc) : undefined;
}

/** Facts for a body coming from a 2.1.1 party (owner: its single role). */
export async function factsIn(
  module: string,
  body: unknown,
  base: ConvertContext & { tariffId?: string },
): Promise<ConvertContext> {
  const ctx: ConvertContext = { ...base };
  if ((module === 'sessions' || module === 'cdrs') && isObj(body)) ctx.cdrToken = await cdrToken(body.auth_id);
  if (module === 'tariffs' && base.patch && base.owner && base.tariffId) {
    const doc = await tariffs.get({
      key: tariffKey(`${base.owner.country_code}*${base.owner.party_id}`.toUpperCase(), base.tariffId),
    });
    ctx.stored = doc ? tariffs.decode(doc) : undefined;
  }
  return ctx;
}

/** Facts for an internal body going to a 2.1.1 party: the full location a session or CDR is embedded with. */
export async function factsOut(module: string, body: unknown): Promise<ConvertContext> {
  if (!isObj(body)) return {};
  if (module === 'sessions')
    return { location: await storedLocation(body.country_code, body.party_id, body.location_id) };
  if (module === 'cdrs' && isObj(body.cdr_location))
    return { location: await storedLocation(body.country_code, body.party_id, body.cdr_location.id) };
  return {};
}

/** The hub's copy of a token, for a 2.1.1 AuthorizationInfo, which does not repeat it. */
export async function tokenOf(
  owner: { country_code: string; party_id: string },
  uid: string,
  type: string,
): Promise<Obj | undefined> {
  const doc = await tokens.get({ key: tokenKey(`${owner.country_code}*${owner.party_id}`.toUpperCase(), uid, type) });
  return doc ? tokens.decode(doc) : undefined;
}
