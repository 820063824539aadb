// zod schemas for OCPI 2.2.1 CDRs, their location snapshot and signed meter data.
import { z } from 'zod';
import {
  AuthMethod,
  CdrToken,
  ChargingPeriod,
  CountryAlpha3,
  CountryCode,
  Currency,
  DateTime,
  GeoLocation,
  PartyId,
  Price,
  ciString,
  ocpiString,
} from '../../ocpi/types';
import { ConnectorFormat, ConnectorType, PowerType } from '../locations/schema';
import { Tariff } from '../tariffs/schema';

// CdrLocation keeps address(45) and state(20): the bugfix branch lengthened them only on Location.
// evse_uid, evse_id and connector_id may be `#NA` for a reservation that never became a session.
export const CdrLocation = z.looseObject({
  id: ciString(36),
  name: ocpiString(255).optional(),
  address: ocpiString(45),
  city: ocpiString(45),
  postal_code: ocpiString(10).optional(),
  state: ocpiString(20).optional(),
  country: CountryAlpha3,
  coordinates: GeoLocation,
  evse_uid: ciString(36),
  evse_id: ciString(48),
  connector_id: ciString(36),
  connector_standard: ConnectorType,
  connector_format: ConnectorFormat,
  connector_power_type: PowerType,
});
export type CdrLocation = z.infer<typeof CdrLocation>;

// Bugfix branch erratum: plain_data is string(5000) (earlier text said 512).
export const SignedValue = z.looseObject({
  nature: ciString(32),
  plain_data: ocpiString(5000),
  signed_data: ocpiString(5000),
});
export type SignedValue = z.infer<typeof SignedValue>;

export const SignedData = z.looseObject({
  encoding_method: ciString(36),
  encoding_method_version: z.number().int().optional(),
  public_key: ocpiString(512).optional(),
  signed_values: z.array(SignedValue).min(1),
  url: ocpiString(512).optional(),
});
export type SignedData = z.infer<typeof SignedData>;

// CDRs cannot be updated (no PUT/PATCH); corrections are credit CDRs, whose ids are CiString(39).
export const Cdr = z
  .looseObject({
    country_code: CountryCode,
    party_id: PartyId,
    id: ciString(39),
    start_date_time: DateTime,
    end_date_time: DateTime,
    session_id: ciString(36).optional(),
    cdr_token: CdrToken,
    auth_method: AuthMethod,
    authorization_reference: ciString(36).optional(),
    cdr_location: CdrLocation,
    meter_id: ocpiString(255).optional(),
    currency: Currency,
    tariffs: z.array(Tariff).optional(),
    charging_periods: z.array(ChargingPeriod).min(1),
    signed_data: SignedData.optional(),
    total_cost: Price,
    total_fixed_cost: Price.optional(),
    total_energy: z.number(),
    total_energy_cost: Price.optional(),
    total_time: z.number(),
    total_time_cost: Price.optional(),
    total_parking_time: z.number().optional(),
    total_parking_cost: Price.optional(),
    total_reservation_cost: Price.optional(),
    remark: ocpiString(255).optional(),
    invoice_reference_id: ciString(39).optional(),
    credit: z.boolean().optional(),
    credit_reference_id: ciString(39).optional(),
    home_charging_compensation: z.boolean().optional(),
    last_updated: DateTime,
  })
  .superRefine((cdr, ctx) => {
    // 2.2.1 CDR.credit: a Credit CDR needs credit_reference_id.
    if (cdr.credit === true && cdr.credit_reference_id === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'credit_reference_id is required for a credit CDR',
        path: ['credit_reference_id'],
      });
  });
export type Cdr = z.infer<typeof Cdr>;
