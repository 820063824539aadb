// Tokens the hub holds (owner eMSP), sealed at rest: uid, visual_number and contract_id are personal data, so
// lookups go through blind indexes (2.2.1 tokens: uid is unique per type within an eMSP).
import { blindIndex } from '../../crypto/seal';
import { ObjectStore, sealedJson } from '../../db/objects';
import { toInstant } from '../../ocpi/types';
import type { Token } from './schema';

// owner_role: an OTHER party may send tokens too, outside CPO-eMSP agreements.
// contract_index: 2.1.1 sessions and CDRs name their token only by its contract id (auth_id).
export const tokens = new ObjectStore(
  'tokens',
  { uid_index: String, type: String, matchers: [String], owner_role: String, contract_index: String },
  [{ uid_index: 1 }, { matchers: 1 }, { contract_index: 1 }],
  sealedJson,
);

/** The blind index of a token uid (CiString: case-insensitive), also used for sessions' and CDRs' cdr_token. */
export const uidIndex = (uid: string) => blindIndex('token-uid', uid.toUpperCase());
export const contractIndex = (contractId: string) => blindIndex('token-contract', contractId.toUpperCase());
export const tokenKey = (owner: string, uid: string, type: string) => `${owner}*${uidIndex(uid)}*${type}`;

type Obj = Record<string, unknown>;

/** The blind index of a token's visual_number with its issuer (how publish_allowed_to may name a token). */
export const visualIndex = (t: { visual_number?: unknown; issuer?: unknown }) =>
  blindIndex('token-visual', `${String(t.visual_number)}|${String(t.issuer)}`);

/**
 * What a token can be matched by in a location's publish_allowed_to: uid and type, visual_number and issuer, group_id.
 */
function matchersOf(t: Obj): string[] {
  const out: string[] = [];
  if (t.uid !== undefined && t.type !== undefined) out.push(`u:${uidIndex(String(t.uid))}:${String(t.type)}`);
  if (t.visual_number !== undefined && t.issuer !== undefined) out.push(`v:${visualIndex(t)}`);
  if (t.group_id !== undefined) out.push(`g:${blindIndex('token-group', String(t.group_id).toUpperCase())}`);
  return out;
}

/** One publish_allowed_to entry as the matchers a token must all have (an entry's fields must all match). */
export const publishEntry = (entry: Obj): string => matchersOf(entry).join('&');

export const tokenFields = (owner: string, t: Token | Obj, ownerRole = 'EMSP') => ({
  owner,
  owner_role: ownerRole,
  uid_index: uidIndex(String(t.uid)),
  type: String(t.type),
  matchers: matchersOf(t),
  ...(t.contract_id === undefined ? {} : { contract_index: contractIndex(String(t.contract_id)) }),
  last_updated: toInstant(String(t.last_updated)),
});

export const putToken = (owner: string, t: Token, ownerRole?: string) =>
  tokens.put(tokenKey(owner, t.uid, t.type), t, tokenFields(owner, t, ownerRole));

/**
 * For each token owner (all, or those in `owners`): which `entries` (publishEntry strings) one of its tokens satisfies.
 */
export async function matchingOwners(entries: string[], owners?: string[]): Promise<Map<string, Set<string>>> {
  const wanted = [...new Set(entries.flatMap((e) => e.split('&')))];
  const result = new Map<string, Set<string>>();
  if (wanted.length === 0 || owners?.length === 0) return result;
  const filter = { matchers: { $in: wanted }, ...(owners ? { owner: { $in: owners } } : {}) };
  for (const t of await tokens.model
    .find(filter, { owner: 1, matchers: 1 })
    .lean<{ owner: string; matchers: string[] }[]>()) {
    const met = entries.filter((entry) => entry.split('&').every((m) => t.matchers.includes(m)));
    if (met.length) result.set(t.owner, new Set([...(result.get(t.owner) ?? []), ...met]));
  }
  return result;
}

/**
 * The token a 2.1.1 session or CDR means by its auth_id: the hub's token with that contract_id. Several eMSP
 * tokens may share one contract (a card and an app): a valid one wins over an invalid one, then the most recently
 * updated.
 */
export async function tokenByContract(contractId: string): Promise<Obj | undefined> {
  const found = (await tokens.find({ contract_index: contractIndex(contractId) }, 20)).map((d) => ({
    doc: d,
    t: tokens.decode(d),
  }));
  found.sort(
    (a, b) =>
      Number(b.t.valid === true) - Number(a.t.valid === true) ||
      b.doc.last_updated.getTime() - a.doc.last_updated.getTime(),
  );
  return found[0]?.t;
}
