// Shared OCPI 2.2.1 primitives and the objects more than one module uses (zod schemas + inferred types).
import { z } from 'zod';
import { openEnum } from './open-enum';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|\+00:00)?$/;

function parseDateTime(value: string): Date | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms));
  // Date.UTC rolls over (13th month, 31 Feb, 24:00), so compare back to reject unreal dates.
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return real ? date : undefined;
}

// types.asciidoc: UTC with `Z` or no designator, and notes "+00:00 is not the same as UTC"; we still accept
// `+00:00` (many parties send it) and fractional seconds of any length. The hub sends every DateTime with `Z`:
// the same instant and digits, only the designator written the one way strict receivers all read.
export const DateTime = z
  .string()
  .refine((v) => parseDateTime(v) !== undefined, { message: 'Invalid OCPI DateTime (RFC 3339, UTC)' })
  .overwrite((v) => v.replace(/(Z|\+00:00)?$/, 'Z'));
export type DateTime = z.infer<typeof DateTime>;

/** Parses an OCPI DateTime; a timestamp without designator is UTC. Throws on an invalid value. */
export function toInstant(dt: string): Date {
  const date = parseDateTime(dt);
  if (!date) throw new RangeError(`Invalid OCPI DateTime: ${dt}`);
  return date;
}

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
/** CiString(max): printable ASCII, compared case-insensitively elsewhere, kept as sent. */
export const ciString = (max: number) =>
  z.string().max(max).regex(PRINTABLE_ASCII, { message: 'Only printable ASCII allowed' });
/** string(max): any unicode text. */
export const ocpiString = (max: number) => z.string().max(max);

export const CountryCode = z.string().length(2).regex(PRINTABLE_ASCII, { message: 'Only printable ASCII allowed' });
export type CountryCode = z.infer<typeof CountryCode>;
// Spec: CiString(3); the official OpenAPI's "exactly 3" is stricter than the text.
export const PartyId = ciString(3).min(1);
export type PartyId = z.infer<typeof PartyId>;

// string(3)/string(2) fields that hold an ISO code: the code has exactly that length.
export const Currency = z.string().length(3); // ISO 4217
export type Currency = z.infer<typeof Currency>;
export const CountryAlpha3 = z.string().length(3); // ISO 3166-1 alpha-3
export type CountryAlpha3 = z.infer<typeof CountryAlpha3>;
export const Language = z.string().length(2); // ISO 639-1
export type Language = z.infer<typeof Language>;

export const Role = z.enum(['CPO', 'EMSP', 'HUB', 'NAP', 'NSP', 'OTHER', 'SCSP']);
export type Role = z.infer<typeof Role>;

export const Url = z.url().max(255);
export type Url = z.infer<typeof Url>;

export const DisplayText = z.looseObject({ language: Language, text: ocpiString(512) });
export type DisplayText = z.infer<typeof DisplayText>;

export const Price = z.looseObject({ excl_vat: z.number(), incl_vat: z.number().optional() });
export type Price = z.infer<typeof Price>;

// OpenEnum in 2.3.0 (EMAID was added there), like the image and environmental impact categories below.
export const TokenType = openEnum(['AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID']);
export type TokenType = z.infer<typeof TokenType>;

// Used by sessions (ChargingPreferences) and tokens (default_profile_type).
export const ProfileType = z.enum(['CHEAP', 'FAST', 'GREEN', 'REGULAR']);
export type ProfileType = z.infer<typeof ProfileType>;

export const AuthMethod = z.enum(['AUTH_REQUEST', 'COMMAND', 'WHITELIST']);
export type AuthMethod = z.infer<typeof AuthMethod>;

export const GeoLocation = z.looseObject({
  latitude: ocpiString(10).regex(/^-?[0-9]{1,2}\.[0-9]{5,7}$/),
  longitude: ocpiString(11).regex(/^-?[0-9]{1,3}\.[0-9]{5,7}$/),
});
export type GeoLocation = z.infer<typeof GeoLocation>;

export const ImageCategory = openEnum(['CHARGER', 'ENTRANCE', 'LOCATION', 'NETWORK', 'OPERATOR', 'OTHER', 'OWNER']);
export type ImageCategory = z.infer<typeof ImageCategory>;

// int(5): at most five digits.
const int5 = z.number().int().min(0).max(99999);

export const Image = z.looseObject({
  url: Url,
  thumbnail: Url.optional(),
  category: ImageCategory,
  type: ciString(4),
  width: int5.optional(),
  height: int5.optional(),
});
export type Image = z.infer<typeof Image>;

export const BusinessDetails = z.looseObject({
  name: ocpiString(100),
  website: Url.optional(),
  logo: Image.optional(),
});
export type BusinessDetails = z.infer<typeof BusinessDetails>;

export const EnergySourceCategory = z.enum([
  'NUCLEAR',
  'GENERAL_FOSSIL',
  'COAL',
  'GAS',
  'GENERAL_GREEN',
  'SOLAR',
  'WIND',
  'WATER',
]);
export type EnergySourceCategory = z.infer<typeof EnergySourceCategory>;

export const EnergySource = z.looseObject({ source: EnergySourceCategory, percentage: z.number() });
export type EnergySource = z.infer<typeof EnergySource>;

export const EnvironmentalImpactCategory = openEnum(['NUCLEAR_WASTE', 'CARBON_DIOXIDE']);
export type EnvironmentalImpactCategory = z.infer<typeof EnvironmentalImpactCategory>;

export const EnvironmentalImpact = z.looseObject({ category: EnvironmentalImpactCategory, amount: z.number() });
export type EnvironmentalImpact = z.infer<typeof EnvironmentalImpact>;

export const EnergyMix = z.looseObject({
  is_green_energy: z.boolean(),
  energy_sources: z.array(EnergySource).optional(),
  environ_impact: z.array(EnvironmentalImpact).optional(),
  supplier_name: ocpiString(64).optional(),
  energy_product_name: ocpiString(64).optional(),
});
export type EnergyMix = z.infer<typeof EnergyMix>;

export const CdrToken = z.looseObject({
  country_code: CountryCode,
  party_id: PartyId,
  uid: ciString(36),
  type: TokenType,
  contract_id: ciString(36),
});
export type CdrToken = z.infer<typeof CdrToken>;

export const CdrDimensionType = z.enum([
  'CURRENT',
  'ENERGY',
  'ENERGY_EXPORT',
  'ENERGY_IMPORT',
  'MAX_CURRENT',
  'MIN_CURRENT',
  'MAX_POWER',
  'MIN_POWER',
  'PARKING_TIME',
  'POWER',
  'RESERVATION_TIME',
  'STATE_OF_CHARGE',
  'TIME',
]);
export type CdrDimensionType = z.infer<typeof CdrDimensionType>;

export const CdrDimension = z.looseObject({ type: CdrDimensionType, volume: z.number() });
export type CdrDimension = z.infer<typeof CdrDimension>;

export const ChargingPeriod = z.looseObject({
  start_date_time: DateTime,
  dimensions: z.array(CdrDimension).min(1),
  tariff_id: ciString(36).optional(),
});
export type ChargingPeriod = z.infer<typeof ChargingPeriod>;

export const LocationReferences = z.looseObject({
  location_id: ciString(36),
  evse_uids: z.array(ciString(36)).optional(),
});
export type LocationReferences = z.infer<typeof LocationReferences>;
