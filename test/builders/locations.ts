// Test builders for Locations, EVSEs and Connectors: valid objects, shallowly overridable.
import type { Connector, Evse, Location } from '../../src/modules/locations/schema';
import { AT } from './time';

export function aConnector(overrides: Partial<Connector> = {}): Connector {
  return {
    id: '1',
    standard: 'IEC_62196_T2',
    format: 'SOCKET',
    power_type: 'AC_3_PHASE',
    max_voltage: 230,
    max_amperage: 32,
    max_electric_power: 22000,
    tariff_ids: ['AC-STANDARD'],
    last_updated: AT,
    ...overrides,
  };
}

export function anEvse(overrides: Partial<Evse> = {}): Evse {
  return {
    uid: 'VP-UT-0042-1',
    evse_id: 'NL*VLT*E0042*1',
    status: 'AVAILABLE',
    capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE', 'UNLOCK_CAPABLE'],
    connectors: [aConnector({ id: '1' }), aConnector({ id: '2', format: 'CABLE' })],
    floor_level: '-1',
    physical_reference: 'P42-A',
    parking_restrictions: ['EV_ONLY'],
    last_updated: AT,
    ...overrides,
  };
}

export function aLocation(overrides: Partial<Location> = {}): Location {
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id: 'UT-0042',
    publish: true,
    name: 'Parkeergarage Biltstraat',
    address: 'Biltstraat 112',
    city: 'Utrecht',
    postal_code: '3572 BJ',
    country: 'NLD',
    coordinates: { latitude: '52.0946100', longitude: '5.1331700' },
    related_locations: [
      { latitude: '52.0943300', longitude: '5.1326900', name: { language: 'nl', text: 'Ingang Biltstraat' } },
    ],
    parking_type: 'PARKING_GARAGE',
    evses: [
      anEvse(),
      anEvse({
        uid: 'VP-UT-0042-2',
        evse_id: 'NL*VLT*E0042*2',
        status: 'CHARGING',
        physical_reference: 'P42-B',
        connectors: [
          aConnector({
            id: '1',
            standard: 'IEC_62196_T2_COMBO',
            format: 'CABLE',
            power_type: 'DC',
            max_voltage: 920,
            max_amperage: 200,
            max_electric_power: 150000,
            tariff_ids: ['DC-FAST'],
          }),
          aConnector({
            id: '2',
            standard: 'CHADEMO',
            format: 'CABLE',
            power_type: 'DC',
            max_voltage: 500,
            max_amperage: 125,
            max_electric_power: 50000,
            tariff_ids: ['DC-FAST'],
          }),
        ],
      }),
    ],
    directions: [{ language: 'nl', text: 'Laadpalen op niveau -1, volg de groene borden.' }],
    operator: { name: 'Voltaplein Laadnetwerk B.V.', website: 'https://voltaplein.example.nl' },
    facilities: ['PARKING_LOT', 'CAFE'],
    time_zone: 'Europe/Amsterdam',
    opening_times: {
      twentyfourseven: false,
      regular_hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, period_begin: '07:00', period_end: '23:00' })),
      exceptional_closings: [{ period_begin: '2025-12-25T00:00:00Z', period_end: '2025-12-26T00:00:00Z' }],
    },
    charging_when_closed: true,
    images: [
      {
        url: 'https://voltaplein.example.nl/img/ut-0042.jpg',
        category: 'LOCATION',
        type: 'jpeg',
        width: 1024,
        height: 768,
      },
    ],
    energy_mix: {
      is_green_energy: true,
      energy_sources: [
        { source: 'WIND', percentage: 70 },
        { source: 'SOLAR', percentage: 30 },
      ],
      supplier_name: 'Windstroom Noord',
    },
    last_updated: AT,
    ...overrides,
  };
}
