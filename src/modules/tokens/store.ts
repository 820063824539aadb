// Tokens the hub holds (owner eMSP), keyed by namespace, uid and type (2.2.1 tokens: uid is unique per type).
import { ObjectStore } from '../../db/objects';
import { toInstant } from '../../ocpi/types';
import type { Token } from './schema';

export const tokens = new ObjectStore('tokens', { uid: String, type: String }, [{ uid: 1 }]);

export const tokenKey = (owner: string, uid: string, type: string) => `${owner}*${uid.toUpperCase()}*${type}`;

export const tokenFields = (owner: string, t: Token | Record<string, unknown>) => ({
  owner,
  uid: String(t.uid).toUpperCase(),
  type: String(t.type),
  last_updated: toInstant(String(t.last_updated)),
});

export const putToken = (owner: string, t: Token) => tokens.put(tokenKey(owner, t.uid, t.type), t, tokenFields(owner, t));
