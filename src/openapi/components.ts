// The schemas the document names (components.schemas): every zod schema the shared OCPI types, the modules'
// schema.ts files and the admin schema export, under its exported name, plus the hub's own answers.
import { z } from 'zod';
import * as adminSchema from '../admin/schema';
import * as cdrs from '../modules/cdrs/schema';
import * as chargingprofiles from '../modules/chargingprofiles/schema';
import * as commands from '../modules/commands/schema';
import * as credentials from '../modules/credentials/schema';
import * as hubclientinfo from '../modules/hubclientinfo/schema';
import * as locations from '../modules/locations/schema';
import * as sessions from '../modules/sessions/schema';
import * as tariffs from '../modules/tariffs/schema';
import * as tokens from '../modules/tokens/schema';
import * as versions from '../modules/versions/schema';
import * as types from '../ocpi/types';
import { adminSchemas } from './admin';
import { serviceSchemas } from './service';
import { ocpiEnvelopes } from './operation';

const sources: Record<string, unknown>[] = [
  types,
  versions,
  credentials,
  hubclientinfo,
  locations,
  sessions,
  cdrs,
  tariffs,
  tokens,
  commands,
  chargingprofiles,
  adminSchema,
  ocpiEnvelopes,
  serviceSchemas,
  adminSchemas,
];

/** Added to the named schemas' JSON: what their zod checks cannot say. */
export const descriptions: Record<string, string> = {
  DateTime:
    'RFC 3339 in UTC: `Z` or no designator (`+00:00` is accepted too), fractional seconds optional. Stored and forwarded exactly as sent.',
  CountryCode: 'ISO 3166-1 alpha-2 of the party; compared case-insensitively.',
  PartyId: 'CiString(3): the party id within its country; compared case-insensitively.',
  Credentials: '`token` is the raw token: never base64-encoded in a body, only in the Authorization header.',
  ClientInfo: 'PLANNED: registered, never connected; SUSPENDED: will never connect again.',
};

/** Name → schema; a name exported by two files for two different schemas is an error. */
export function namedSchemas(): Map<string, z.ZodType> {
  const named = new Map<string, z.ZodType>();
  const seen = new Set<z.ZodType>();
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      if (!/^[A-Z]/.test(name) || !(value instanceof z.ZodType) || seen.has(value)) continue;
      if (named.has(name)) throw new Error(`openapi: two different schemas are exported as ${name}`);
      named.set(name, value);
      seen.add(value);
    }
  }
  return named;
}
