// Test builders for Sessions and CDRs: valid objects, shallowly overridable.
import type { Cdr } from '../../src/modules/cdrs/schema';
import type { Session } from '../../src/modules/sessions/schema';
import { aTariff } from './tariffs';
import { AT, EARLIER } from './time';
import { aCdrToken } from './tokens';

export function aSession(overrides: Partial<Session> = {}): Session {
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id: 'S-20250602-000917',
    start_date_time: EARLIER,
    kwh: 12.85,
    cdr_token: aCdrToken(),
    auth_method: 'WHITELIST',
    location_id: 'UT-0042',
    evse_uid: 'VP-UT-0042-1',
    connector_id: '1',
    currency: 'EUR',
    charging_periods: [
      { start_date_time: EARLIER, dimensions: [{ type: 'ENERGY', volume: 12.85 }], tariff_id: 'AC-STANDARD' },
    ],
    total_cost: { excl_vat: 5.01, incl_vat: 6.06 },
    status: 'ACTIVE',
    last_updated: AT,
    ...overrides,
  };
}

export function aCdr(overrides: Partial<Cdr> = {}): Cdr {
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id: 'CDR-20250602-000917',
    start_date_time: EARLIER,
    end_date_time: AT,
    session_id: 'S-20250602-000917',
    cdr_token: aCdrToken(),
    auth_method: 'WHITELIST',
    cdr_location: {
      id: 'UT-0042',
      name: 'Parkeergarage Biltstraat',
      address: 'Biltstraat 112',
      city: 'Utrecht',
      postal_code: '3572 BJ',
      country: 'NLD',
      coordinates: { latitude: '52.0946100', longitude: '5.1331700' },
      evse_uid: 'VP-UT-0042-1',
      evse_id: 'NL*VLT*E0042*1',
      connector_id: '1',
      connector_standard: 'IEC_62196_T2',
      connector_format: 'SOCKET',
      connector_power_type: 'AC_3_PHASE',
    },
    currency: 'EUR',
    tariffs: [aTariff()],
    charging_periods: [
      {
        start_date_time: EARLIER,
        dimensions: [
          { type: 'ENERGY', volume: 14.2 },
          { type: 'TIME', volume: 1.5833 },
        ],
        tariff_id: 'AC-STANDARD',
      },
    ],
    total_cost: { excl_vat: 5.54, incl_vat: 6.7 },
    total_energy: 14.2,
    total_energy_cost: { excl_vat: 5.54, incl_vat: 6.7 },
    total_time: 1.5833,
    total_parking_time: 0,
    last_updated: AT,
    ...overrides,
  };
}
