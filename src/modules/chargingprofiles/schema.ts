// zod schemas for OCPI 2.2.1 smart charging: profiles, the set request, responses and async results.
import { z } from 'zod';
import { DateTime, Url } from '../../ocpi/types';

export const ChargingRateUnit = z.enum(['W', 'A']);
export type ChargingRateUnit = z.infer<typeof ChargingRateUnit>;

// 2.2.1 ChargingProfile: min_charging_rate and limit accept at most one digit fraction (e.g. 8.1).
const oneDecimal = z.number().refine((n) => /^-?\d+(\.\d)?$/.test(String(n)), {
  message: 'At most one digit after the decimal point',
});

export const ChargingProfilePeriod = z.looseObject({
  start_period: z.number().int(),
  limit: oneDecimal,
});
export type ChargingProfilePeriod = z.infer<typeof ChargingProfilePeriod>;

export const ChargingProfile = z.looseObject({
  start_date_time: DateTime.optional(),
  duration: z.number().int().optional(),
  charging_rate_unit: ChargingRateUnit,
  min_charging_rate: oneDecimal.optional(),
  charging_profile_period: z.array(ChargingProfilePeriod).optional(),
});
export type ChargingProfile = z.infer<typeof ChargingProfile>;

export const ActiveChargingProfile = z.looseObject({
  start_date_time: DateTime,
  charging_profile: ChargingProfile,
});
export type ActiveChargingProfile = z.infer<typeof ActiveChargingProfile>;

export const SetChargingProfile = z.looseObject({
  charging_profile: ChargingProfile,
  response_url: Url,
});
export type SetChargingProfile = z.infer<typeof SetChargingProfile>;

export const ChargingProfileResponseType = z.enum([
  'ACCEPTED',
  'NOT_SUPPORTED',
  'REJECTED',
  'TOO_OFTEN',
  'UNKNOWN_SESSION',
]);
export type ChargingProfileResponseType = z.infer<typeof ChargingProfileResponseType>;

export const ChargingProfileResponse = z.looseObject({
  result: ChargingProfileResponseType,
  timeout: z.number().int(),
});
export type ChargingProfileResponse = z.infer<typeof ChargingProfileResponse>;

export const ChargingProfileResultType = z.enum(['ACCEPTED', 'REJECTED', 'UNKNOWN']);
export type ChargingProfileResultType = z.infer<typeof ChargingProfileResultType>;

export const ActiveChargingProfileResult = z.looseObject({
  result: ChargingProfileResultType,
  profile: ActiveChargingProfile.optional(),
});
export type ActiveChargingProfileResult = z.infer<typeof ActiveChargingProfileResult>;

export const ChargingProfileResult = z.looseObject({ result: ChargingProfileResultType });
export type ChargingProfileResult = z.infer<typeof ChargingProfileResult>;

export const ClearProfileResult = z.looseObject({ result: ChargingProfileResultType });
export type ClearProfileResult = z.infer<typeof ClearProfileResult>;
