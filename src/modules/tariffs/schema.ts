// zod schemas for OCPI 2.2.1 Tariffs and their elements, price components and restrictions.
import { z } from 'zod';
import {
  CountryCode,
  Currency,
  DateTime,
  DisplayText,
  EnergyMix,
  PartyId,
  Price,
  Url,
  ciString,
  ocpiString,
} from '../../ocpi/types';

export const TariffType = z.enum(['AD_HOC_PAYMENT', 'PROFILE_CHEAP', 'PROFILE_FAST', 'PROFILE_GREEN', 'REGULAR']);
export type TariffType = z.infer<typeof TariffType>;

export const TariffDimensionType = z.enum(['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME']);
export type TariffDimensionType = z.infer<typeof TariffDimensionType>;

export const DayOfWeek = z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']);
export type DayOfWeek = z.infer<typeof DayOfWeek>;

export const ReservationRestrictionType = z.enum(['RESERVATION', 'RESERVATION_EXPIRES']);
export type ReservationRestrictionType = z.infer<typeof ReservationRestrictionType>;

export const PriceComponent = z.looseObject({
  type: TariffDimensionType,
  price: z.number(),
  vat: z.number().optional(),
  step_size: z.number().int(),
});
export type PriceComponent = z.infer<typeof PriceComponent>;

const timeOfDay = ocpiString(5).regex(/^([0-1][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'Expected HH:MM' });
const localDate = ocpiString(10).regex(/^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, {
  message: 'Expected YYYY-MM-DD',
});

export const TariffRestrictions = z.looseObject({
  start_time: timeOfDay.optional(),
  end_time: timeOfDay.optional(),
  start_date: localDate.optional(),
  end_date: localDate.optional(),
  min_kwh: z.number().optional(),
  max_kwh: z.number().optional(),
  min_current: z.number().optional(),
  max_current: z.number().optional(),
  min_power: z.number().optional(),
  max_power: z.number().optional(),
  min_duration: z.number().int().optional(),
  max_duration: z.number().int().optional(),
  day_of_week: z.array(DayOfWeek).optional(),
  reservation: ReservationRestrictionType.optional(),
});
export type TariffRestrictions = z.infer<typeof TariffRestrictions>;

export const TariffElement = z.looseObject({
  price_components: z.array(PriceComponent).min(1),
  restrictions: TariffRestrictions.optional(),
});
export type TariffElement = z.infer<typeof TariffElement>;

// Tariffs have no PATCH in 2.2.1 (Receiver: GET, PUT, DELETE).
export const Tariff = z.looseObject({
  country_code: CountryCode,
  party_id: PartyId,
  id: ciString(36),
  currency: Currency,
  type: TariffType.optional(),
  tariff_alt_text: z.array(DisplayText).optional(),
  tariff_alt_url: Url.optional(),
  min_price: Price.optional(),
  max_price: Price.optional(),
  elements: z.array(TariffElement).min(1),
  start_date_time: DateTime.optional(),
  end_date_time: DateTime.optional(),
  energy_mix: EnergyMix.optional(),
  last_updated: DateTime,
});
export type Tariff = z.infer<typeof Tariff>;
