// OCPI 2.1.1 objects for tests, shaped on the 2.1.1 spec's examples (mod_locations.md, mod_tokens.md,
// mod_sessions.md, mod_cdrs.md, mod_tariffs.md), and 2.2.1 counterparts shaped on the 2.2.1 examples.
export const loc211 = () => ({
  id: 'LOC1',
  type: 'ON_STREET',
  name: 'Gent Zuid',
  address: 'F.Rooseveltlaan 3A',
  city: 'Gent',
  postal_code: '9000',
  country: 'BEL',
  coordinates: { latitude: '51.047599', longitude: '3.729944' },
  evses: [
    {
      uid: '3256',
      evse_id: 'BE-BEC-E041503001',
      status: 'AVAILABLE',
      status_schedule: [],
      capabilities: ['RESERVABLE'],
      connectors: [
        {
          id: '1',
          standard: 'IEC_62196_T2',
          format: 'CABLE',
          power_type: 'AC_3_PHASE',
          voltage: 220,
          amperage: 16,
          tariff_id: '11',
          last_updated: '2015-03-16T10:10:02Z',
        },
        {
          id: '2',
          standard: 'IEC_62196_T2',
          format: 'SOCKET',
          power_type: 'AC_3_PHASE',
          voltage: 220,
          amperage: 16,
          tariff_id: '11',
          last_updated: '2015-03-18T08:12:01Z',
        },
      ],
      physical_reference: '1',
      floor_level: '-1',
      last_updated: '2015-06-28T08:12:01Z',
    },
  ],
  operator: { name: 'BeCharged' },
  last_updated: '2015-06-29T20:39:09Z',
});

export const loc221 = () => ({
  country_code: 'BE',
  party_id: 'BEC',
  id: 'LOC1',
  publish: true,
  name: 'Gent Zuid',
  address: 'F.Rooseveltlaan 3A',
  city: 'Gent',
  postal_code: '9000',
  country: 'BEL',
  coordinates: { latitude: '51.047599', longitude: '3.729944' },
  parking_type: 'ON_STREET',
  evses: [
    {
      uid: '3256',
      evse_id: 'BE*BEC*E041503001',
      status: 'AVAILABLE',
      capabilities: ['RESERVABLE'],
      connectors: [
        {
          id: '1',
          standard: 'IEC_62196_T2',
          format: 'CABLE',
          power_type: 'AC_3_PHASE',
          max_voltage: 220,
          max_amperage: 16,
          tariff_ids: ['11'],
          last_updated: '2015-03-16T10:10:02Z',
        },
        {
          id: '2',
          standard: 'IEC_62196_T2',
          format: 'SOCKET',
          power_type: 'AC_3_PHASE',
          max_voltage: 220,
          max_amperage: 16,
          tariff_ids: ['13'],
          last_updated: '2015-03-18T08:12:01Z',
        },
      ],
      physical_reference: '1',
      floor_level: '-1',
      last_updated: '2015-06-28T08:12:01Z',
    },
  ],
  operator: { name: 'BeCharged' },
  time_zone: 'Europe/Brussels',
  last_updated: '2015-06-29T20:39:09Z',
});

export const token211 = () => ({
  uid: '012345678',
  type: 'RFID',
  auth_id: 'DE8ACC12E46L89',
  visual_number: 'DF000-2001-8999',
  issuer: 'TheNewMotion',
  valid: true,
  whitelist: 'ALLOWED',
  last_updated: '2015-06-29T22:39:09Z',
});

export const token221 = () => ({
  country_code: 'DE',
  party_id: 'TNM',
  uid: '012345678',
  type: 'RFID',
  contract_id: 'DE8ACC12E46L89',
  visual_number: 'DF000-2001-8999',
  issuer: 'TheNewMotion',
  group_id: 'DF000-2001-8999',
  valid: true,
  whitelist: 'ALLOWED',
  language: 'nl',
  default_profile_type: 'GREEN',
  energy_contract: { supplier_name: 'Greenpeace Energy eG', contract_id: '0123456789' },
  last_updated: '2018-12-10T17:25:10Z',
});

export const cdrToken221 = () => ({
  country_code: 'DE',
  party_id: 'TNM',
  uid: '012345678',
  type: 'RFID',
  contract_id: 'DE8ACC12E46L89',
});

/** The embedded location of the 2.1.1 session and CDR examples: only the EVSE and connector used. */
const usedLocation211 = (at: string) => ({
  id: 'LOC1',
  type: 'ON_STREET',
  name: 'Gent Zuid',
  address: 'F.Rooseveltlaan 3A',
  city: 'Gent',
  postal_code: '9000',
  country: 'BEL',
  coordinates: { latitude: '51.047599', longitude: '3.729944' },
  evses: [
    {
      uid: '3256',
      evse_id: 'BE-BEC-E041503003',
      status: 'AVAILABLE',
      connectors: [
        {
          id: '1',
          standard: 'IEC_62196_T2',
          format: 'SOCKET',
          power_type: 'AC_1_PHASE',
          voltage: 230,
          amperage: 64,
          tariff_id: '11',
          last_updated: at,
        },
      ],
      last_updated: at,
    },
  ],
  last_updated: at,
});

export const session211 = () => ({
  id: '101',
  start_datetime: '2015-06-29T22:39:09Z',
  kwh: 0.0,
  auth_id: 'DE8ACC12E46L89',
  auth_method: 'WHITELIST',
  location: usedLocation211('2015-06-29T22:39:09Z'),
  currency: 'EUR',
  total_cost: 2.5,
  status: 'PENDING',
  last_updated: '2015-06-29T22:39:09Z',
});

export const session221 = () => ({
  country_code: 'BE',
  party_id: 'BEC',
  id: '101',
  start_date_time: '2015-06-29T22:39:09Z',
  end_date_time: '2015-06-29T23:50:16Z',
  kwh: 41.12,
  cdr_token: cdrToken221(),
  auth_method: 'WHITELIST',
  location_id: 'LOC1',
  evse_uid: '3256',
  connector_id: '1',
  currency: 'EUR',
  charging_periods: [
    {
      start_date_time: '2015-06-29T22:39:09Z',
      dimensions: [
        { type: 'ENERGY', volume: 120 },
        { type: 'MAX_CURRENT', volume: 30 },
      ],
    },
    { start_date_time: '2015-06-29T23:07:09Z', dimensions: [{ type: 'PARKING_TIME', volume: 0.718 }], tariff_id: '12' },
  ],
  total_cost: { excl_vat: 8.5, incl_vat: 9.35 },
  status: 'COMPLETED',
  last_updated: '2015-06-29T23:50:17Z',
});

export const cdr211 = () => ({
  id: '12345',
  start_date_time: '2015-06-29T21:39:09Z',
  stop_date_time: '2015-06-29T23:37:32Z',
  auth_id: 'DE8ACC12E46L89',
  auth_method: 'WHITELIST',
  location: usedLocation211('2015-06-29T21:39:01Z'),
  currency: 'EUR',
  tariffs: [
    {
      id: '12',
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'TIME', price: 2.0, step_size: 300 }] }],
      last_updated: '2015-02-02T14:15:01Z',
    },
  ],
  charging_periods: [{ start_date_time: '2015-06-29T21:39:09Z', dimensions: [{ type: 'TIME', volume: 1.973 }] }],
  total_cost: 4.0,
  total_energy: 15.342,
  total_time: 1.973,
  last_updated: '2015-06-29T22:01:13Z',
});

export const cdr221 = () => ({
  country_code: 'BE',
  party_id: 'BEC',
  id: '12345',
  start_date_time: '2015-06-29T21:39:09Z',
  end_date_time: '2015-06-29T23:37:32Z',
  cdr_token: cdrToken221(),
  auth_method: 'WHITELIST',
  cdr_location: {
    id: 'LOC1',
    name: 'Gent Zuid',
    address: 'F.Rooseveltlaan 3A',
    city: 'Gent',
    postal_code: '9000',
    country: 'BEL',
    coordinates: { latitude: '51.047599', longitude: '3.729944' },
    evse_uid: '3256',
    evse_id: 'BE*BEC*E041503001',
    connector_id: '1',
    connector_standard: 'IEC_62196_T2',
    connector_format: 'CABLE',
    connector_power_type: 'AC_3_PHASE',
  },
  currency: 'EUR',
  tariffs: [
    {
      country_code: 'BE',
      party_id: 'BEC',
      id: '12',
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'TIME', price: 2.0, vat: 10.0, step_size: 300 }] }],
      last_updated: '2015-02-02T14:15:01Z',
    },
  ],
  charging_periods: [
    { start_date_time: '2015-06-29T21:39:09Z', dimensions: [{ type: 'TIME', volume: 1.973 }], tariff_id: '12' },
  ],
  signed_data: {
    encoding_method: 'OCMF',
    signed_values: [{ nature: 'Start', plain_data: 'OCMF|{}', signed_data: 'c2lnbmVk' }],
  },
  total_cost: { excl_vat: 4.0, incl_vat: 4.4 },
  total_energy: 15.342,
  total_time: 1.973,
  total_time_cost: { excl_vat: 4.0, incl_vat: 4.4 },
  last_updated: '2015-06-29T22:01:13Z',
});

export const tariff211 = () => ({
  id: '12',
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'TIME', price: 2.0, step_size: 300 }], restrictions: { max_power: 32.0 } }],
  last_updated: '2015-02-02T14:15:01Z',
});

export const tariff221 = () => ({
  country_code: 'DE',
  party_id: 'ALL',
  id: '20',
  currency: 'EUR',
  type: 'REGULAR',
  min_price: { excl_vat: 0.5, incl_vat: 0.55 },
  elements: [
    { price_components: [{ type: 'ENERGY', price: 0.25, vat: 10.0, step_size: 1 }], restrictions: { max_current: 32 } },
  ],
  last_updated: '2018-12-17T16:45:21Z',
});
