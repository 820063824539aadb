// CDRs the hub holds (owner CPO); immutable once stored (2.2.1 cdrs: corrections are credit CDRs).
import { ObjectStore, sealedJson } from '../../db/objects';
import { uidIndex } from '../tokens/store';
import { partyKey } from '../../ocpi/routing';
import { toInstant } from '../../ocpi/types';
import type { Cdr } from './schema';

// Sealed at rest: cdr_token is personal data; token_index serves erasure requests.
export const cdrs = new ObjectStore(
  'cdrs',
  { emsp: String, token_index: String },
  [{ emsp: 1 }, { token_index: 1 }],
  sealedJson,
);

export const cdrKey = (owner: string, id: string) => `${owner}*${id.toUpperCase()}`;

export const cdrFields = (owner: string, c: Cdr) => ({
  owner,
  emsp: partyKey(c.cdr_token),
  token_index: uidIndex(c.cdr_token.uid),
  last_updated: toInstant(c.last_updated),
});
