// The Sender lists the checker reads, each with the hub's own zod schema, the object's identity and its id limit.
import type { z } from 'zod';
import { Cdr } from '../modules/cdrs/schema';
import { ClientInfo } from '../modules/hubclientinfo/schema';
import { Location } from '../modules/locations/schema';
import { Session } from '../modules/sessions/schema';
import { Tariff } from '../modules/tariffs/schema';
import { Token } from '../modules/tokens/schema';

export interface ModuleSpec {
  name: string;
  schema: z.ZodType;
  /** The field naming the object, and its CiString length (2.2.1 object descriptions). */
  idField?: string;
  idMax?: number;
}

export const SENDER_LISTS: ModuleSpec[] = [
  { name: 'locations', schema: Location, idField: 'id', idMax: 36 },
  { name: 'sessions', schema: Session, idField: 'id', idMax: 36 },
  { name: 'cdrs', schema: Cdr, idField: 'id', idMax: 39 },
  { name: 'tariffs', schema: Tariff, idField: 'id', idMax: 36 },
  { name: 'tokens', schema: Token, idField: 'uid', idMax: 36 },
  { name: 'hubclientinfo', schema: ClientInfo },
];

/** Objects are unique per owner (country_code, party_id) and id. */
export function identity(mod: ModuleSpec, o: Record<string, unknown>): string {
  const id = mod.idField ? String(o[mod.idField] ?? '') : '';
  return `${String(o.country_code ?? '')}*${String(o.party_id ?? '')}*${id}`.toUpperCase();
}

export function lastUpdated(o: Record<string, unknown>): number | undefined {
  if (typeof o.last_updated !== 'string') return undefined;
  // types.asciidoc: a DateTime without designator is UTC (Date.parse would read it as local time)
  const zoned = /(Z|[+-]\d{2}:\d{2})$/i.test(o.last_updated);
  const t = Date.parse(zoned ? o.last_updated : `${o.last_updated}Z`);
  return Number.isNaN(t) ? undefined : t;
}
