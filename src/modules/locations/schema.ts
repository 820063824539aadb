// zod schemas for OCPI 2.2.1 Locations, EVSEs, Connectors, their sub-objects and PATCH bodies (enums: enums.ts).
import { z } from 'zod';
import { clearable } from '../../ocpi/nulls';
import {
  BusinessDetails,
  CountryAlpha3,
  CountryCode,
  DateTime,
  DisplayText,
  EnergyMix,
  GeoLocation,
  Image,
  PartyId,
  TokenType,
  Url,
  ciString,
  ocpiString,
} from '../../ocpi/types';
import {
  Capability,
  ConnectorFormat,
  ConnectorType,
  EvseStatus,
  Facility,
  ParkingRestriction,
  ParkingType,
  PowerType,
} from './enums';

export * from './enums';

export const PublishTokenType = z
  .looseObject({
    uid: ciString(36).optional(),
    type: TokenType.optional(),
    visual_number: ocpiString(64).optional(),
    issuer: ocpiString(64).optional(),
    group_id: ciString(36).optional(),
  })
  .superRefine((t, ctx) => {
    // 2.2.1 PublishTokenType: uid, visual_number or group_id SHALL be set; uid needs type, visual_number needs issuer.
    if (t.uid === undefined && t.visual_number === undefined && t.group_id === undefined)
      ctx.addIssue({ code: 'custom', message: 'Set uid, visual_number or group_id', path: ['uid'] });
    if (t.uid !== undefined && t.type === undefined)
      ctx.addIssue({ code: 'custom', message: 'type is required with uid', path: ['type'] });
    if (t.visual_number !== undefined && t.issuer === undefined)
      ctx.addIssue({ code: 'custom', message: 'issuer is required with visual_number', path: ['issuer'] });
  });
export type PublishTokenType = z.infer<typeof PublishTokenType>;

export const AdditionalGeoLocation = GeoLocation.extend({ name: DisplayText.optional() });
export type AdditionalGeoLocation = z.infer<typeof AdditionalGeoLocation>;

export const StatusSchedule = z.looseObject({
  period_begin: DateTime,
  period_end: DateTime.optional(),
  status: EvseStatus,
});
export type StatusSchedule = z.infer<typeof StatusSchedule>;

const hourMinute = ocpiString(5).regex(/^([0-1][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'Expected HH:MM' });

export const RegularHours = z.looseObject({
  weekday: z.number().int().min(1).max(7),
  period_begin: hourMinute,
  period_end: hourMinute,
});
export type RegularHours = z.infer<typeof RegularHours>;

export const ExceptionalPeriod = z.looseObject({ period_begin: DateTime, period_end: DateTime });
export type ExceptionalPeriod = z.infer<typeof ExceptionalPeriod>;

export const Hours = z
  .looseObject({
    twentyfourseven: z.boolean(),
    regular_hours: z.array(RegularHours).optional(),
    exceptional_openings: z.array(ExceptionalPeriod).optional(),
    exceptional_closings: z.array(ExceptionalPeriod).optional(),
  })
  .superRefine((h, ctx) => {
    // 2.2.1 Hours: with twentyfourseven=false, regular_hours must hold at least one entry.
    if (!h.twentyfourseven && !h.regular_hours?.length)
      ctx.addIssue({
        code: 'custom',
        message: 'regular_hours required when not twentyfourseven',
        path: ['regular_hours'],
      });
  });
export type Hours = z.infer<typeof Hours>;

export const Connector = z.looseObject({
  id: ciString(36),
  standard: ConnectorType,
  format: ConnectorFormat,
  power_type: PowerType,
  max_voltage: z.number().int(),
  max_amperage: z.number().int(),
  max_electric_power: z.number().int().optional(),
  tariff_ids: z.array(ciString(36)).optional(),
  terms_and_conditions: Url.optional(),
  last_updated: DateTime,
});
export type Connector = z.infer<typeof Connector>;

export const Evse = z.looseObject({
  uid: ciString(36),
  evse_id: ciString(48).optional(),
  status: EvseStatus,
  status_schedule: z.array(StatusSchedule).optional(),
  capabilities: z.array(Capability).optional(),
  connectors: z.array(Connector).min(1),
  floor_level: ocpiString(4).optional(),
  coordinates: GeoLocation.optional(),
  physical_reference: ocpiString(16).optional(),
  directions: z.array(DisplayText).optional(),
  parking_restrictions: z.array(ParkingRestriction).optional(),
  images: z.array(Image).optional(),
  last_updated: DateTime,
});
export type Evse = z.infer<typeof Evse>;

export const Location = z.looseObject({
  country_code: CountryCode,
  party_id: PartyId,
  id: ciString(36),
  publish: z.boolean(),
  publish_allowed_to: z.array(PublishTokenType).optional(),
  name: ocpiString(255).optional(),
  // Bugfix branch erratum: address is string(255) and state string(45) (earlier text said 45 and 20).
  address: ocpiString(255),
  city: ocpiString(45),
  postal_code: ocpiString(10).optional(),
  state: ocpiString(45).optional(),
  country: CountryAlpha3,
  coordinates: GeoLocation,
  related_locations: z.array(AdditionalGeoLocation).optional(),
  parking_type: ParkingType.optional(),
  evses: z.array(Evse).optional(),
  directions: z.array(DisplayText).optional(),
  operator: BusinessDetails.optional(),
  suboperator: BusinessDetails.optional(),
  owner: BusinessDetails.optional(),
  facilities: z.array(Facility).optional(),
  time_zone: ocpiString(255),
  opening_times: Hours.optional(),
  charging_when_closed: z.boolean().optional(),
  images: z.array(Image).optional(),
  energy_mix: EnergyMix.optional(),
  last_updated: DateTime,
});
export type Location = z.infer<typeof Location>;

// 2.2.1 locations: "Any request to the PATCH method SHALL contain the last_updated field."
export const LocationPatch = clearable(Location.partial().required({ last_updated: true }), Location);
export type LocationPatch = z.infer<typeof LocationPatch>;
export const EvsePatch = clearable(Evse.partial().required({ last_updated: true }), Evse);
export type EvsePatch = z.infer<typeof EvsePatch>;
export const ConnectorPatch = clearable(Connector.partial().required({ last_updated: true }), Connector);
export type ConnectorPatch = z.infer<typeof ConnectorPatch>;
