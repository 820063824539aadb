// CDRs the hub holds (owner CPO); immutable once stored (2.2.1 cdrs: corrections are credit CDRs).
import { ObjectStore } from '../../db/objects';
import { partyKey } from '../../ocpi/routing';
import { toInstant } from '../../ocpi/types';
import type { Cdr } from './schema';

export const cdrs = new ObjectStore('cdrs', { emsp: String }, [{ emsp: 1 }]);

export const cdrKey = (owner: string, id: string) => `${owner}*${id.toUpperCase()}`;

export const cdrFields = (owner: string, c: Cdr) => ({ owner, emsp: partyKey(c.cdr_token), last_updated: toInstant(c.last_updated) });
