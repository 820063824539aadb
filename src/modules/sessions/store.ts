// Sessions the hub holds (owner CPO); `emsp` is the owner eMSP named in cdr_token, the only other party to see it.
import { ObjectStore, sealedJson } from '../../db/objects';
import { uidIndex } from '../tokens/store';
import { partyKey } from '../../ocpi/routing';
import { toInstant } from '../../ocpi/types';

// Sealed at rest: cdr_token and authorization_reference are personal data; token_index serves erasure requests.
export const sessions = new ObjectStore(
  'sessions',
  { emsp: String, session_id: String, token_index: String },
  [{ emsp: 1 }, { token_index: 1 }],
  sealedJson,
);

export const sessionKey = (owner: string, id: string) => `${owner}*${id.toUpperCase()}`;

type Obj = Record<string, unknown>;
export const sessionFields = (owner: string, s: Obj) => ({
  owner,
  session_id: String(s.id).toUpperCase(),
  emsp: partyKey(s.cdr_token as { country_code: string; party_id: string }),
  token_index: uidIndex(String((s.cdr_token as { uid: string }).uid)),
  last_updated: toInstant(String(s.last_updated)),
});

/** The owner eMSP of a stored session (for routing charging preferences and commands back). */
export const findSessions = (filter: Obj, sessionId: string) =>
  sessions.find({ ...filter, session_id: sessionId.toUpperCase() });

/** The owner CPO or the owner eMSP (`side`) of a session visible under `filter`, for open routing. */
export async function sessionParty(filter: Obj, sessionId: string, side: 'owner' | 'emsp'): Promise<string[]> {
  const found = await findSessions(filter, sessionId);
  return [...new Set(found.map((s) => String(s[side])))];
}
