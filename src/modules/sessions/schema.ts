// zod schemas for OCPI 2.2.1 Sessions, their PATCH body and charging preferences.
import { z } from 'zod';
import { clearable } from '../../ocpi/nulls';
import {
  AuthMethod,
  CdrToken,
  ChargingPeriod,
  CountryCode,
  Currency,
  DateTime,
  PartyId,
  Price,
  ProfileType,
  ciString,
  ocpiString,
} from '../../ocpi/types';

export const SessionStatus = z.enum(['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING', 'RESERVATION']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const Session = z.looseObject({
  country_code: CountryCode,
  party_id: PartyId,
  id: ciString(36),
  start_date_time: DateTime,
  end_date_time: DateTime.optional(),
  kwh: z.number(),
  cdr_token: CdrToken,
  auth_method: AuthMethod,
  authorization_reference: ciString(36).optional(),
  location_id: ciString(36),
  // evse_uid and connector_id may be `#NA` for a reservation without an assigned EVSE.
  evse_uid: ciString(36),
  connector_id: ciString(36),
  meter_id: ocpiString(255).optional(),
  currency: Currency,
  charging_periods: z.array(ChargingPeriod).optional(),
  total_cost: Price.optional(),
  status: SessionStatus,
  last_updated: DateTime,
});
export type Session = z.infer<typeof Session>;

// 2.2.1 sessions, PATCH method: "Any request to the PATCH method SHALL contain the last_updated field."
// A PATCH carrying charging_periods appends them (store's concern, not validation's).
export const SessionPatch = clearable(Session.partial().required({ last_updated: true }), Session);
export type SessionPatch = z.infer<typeof SessionPatch>;

export const ChargingPreferences = z.looseObject({
  profile_type: ProfileType,
  departure_time: DateTime.optional(),
  energy_need: z.number().optional(),
  discharge_allowed: z.boolean().optional(),
});
export type ChargingPreferences = z.infer<typeof ChargingPreferences>;

export const ChargingPreferencesResponse = z.enum([
  'ACCEPTED',
  'DEPARTURE_REQUIRED',
  'ENERGY_NEED_REQUIRED',
  'NOT_POSSIBLE',
  'PROFILE_TYPE_NOT_SUPPORTED',
]);
export type ChargingPreferencesResponse = z.infer<typeof ChargingPreferencesResponse>;
