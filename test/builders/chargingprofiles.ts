// Test builders for smart charging bodies: valid objects, shallowly overridable.
import type { ChargingProfile, SetChargingProfile } from '../../src/modules/chargingprofiles/schema';
import { AT } from './time';

export const aChargingProfile = (overrides: Partial<ChargingProfile> = {}): ChargingProfile => ({
  start_date_time: AT,
  duration: 7200,
  charging_rate_unit: 'A',
  min_charging_rate: 6,
  charging_profile_period: [
    { start_period: 0, limit: 16 },
    { start_period: 3600, limit: 10.5 },
  ],
  ...overrides,
});

export const aSetChargingProfile = (overrides: Partial<SetChargingProfile> = {}): SetChargingProfile => ({
  charging_profile: aChargingProfile(),
  response_url: 'https://scsp.gridwise.example.nl/ocpi/2.2.1/chargingprofiles/results/91d2',
  ...overrides,
});
