// The OCPI 2.2.1 objects of the demo's story: one location with one EVSE, its tariff, an RFID token, a session and its
// CDR.
export const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPO' } as const;
export const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'MSP' } as const;
const cpo = { country_code: CPO.country_code, party_id: CPO.party_id };

/** Now, as an OCPI DateTime (UTC, whole seconds). */
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const LOCATION_ID = 'LOC-AMS-1';
export const EVSE_UID = 'AMS1-E1';
export const TARIFF_ID = 'AC-STD';
export const TOKEN_UID = '04A3B2C91F6E80';
export const SESSION_ID = 'SES-0001';
export const CDR_ID = 'CDR-0001';

const cdrToken = {
  country_code: EMSP.country_code,
  party_id: EMSP.party_id,
  uid: TOKEN_UID,
  type: 'RFID',
  contract_id: 'DE-MSP-C12345678-9',
};
const connector = {
  id: '1',
  standard: 'IEC_62196_T2',
  format: 'SOCKET',
  power_type: 'AC_3_PHASE',
  max_voltage: 230,
  max_amperage: 32,
  max_electric_power: 22000,
  tariff_ids: [TARIFF_ID],
};

export const aLocation = () => ({
  ...cpo,
  id: LOCATION_ID,
  publish: true,
  name: 'Stationsplein P+R',
  address: 'Stationsplein 1',
  city: 'Amsterdam',
  postal_code: '1012 AB',
  country: 'NLD',
  coordinates: { latitude: '52.378901', longitude: '4.900112' },
  evses: [
    {
      uid: EVSE_UID,
      evse_id: 'NL*CPO*E0001*1',
      status: 'AVAILABLE',
      capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
      connectors: [{ ...connector, last_updated: now() }],
      last_updated: now(),
    },
  ],
  time_zone: 'Europe/Amsterdam',
  last_updated: now(),
});

export const aTariff = () => ({
  ...cpo,
  id: TARIFF_ID,
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price: 0.39, vat: 21, step_size: 1 }] }],
  last_updated: now(),
});

export const aToken = () => ({
  ...cdrToken,
  visual_number: 'DE-MSP-1234-5678',
  issuer: 'MSP Mobility GmbH',
  valid: true,
  whitelist: 'ALLOWED',
  last_updated: now(),
});

export const anAuthorization = () => ({
  allowed: 'ALLOWED',
  token: aToken(),
  location: { location_id: LOCATION_ID, evse_uids: [EVSE_UID] },
  authorization_reference: 'AUTH-0001',
});

export const aStartSession = (responseUrl: string) => ({
  response_url: responseUrl,
  token: aToken(),
  location_id: LOCATION_ID,
  evse_uid: EVSE_UID,
  connector_id: '1',
  authorization_reference: 'AUTH-0001',
});

export const aSession = () => ({
  ...cpo,
  id: SESSION_ID,
  start_date_time: minutesAgo(1),
  kwh: 0,
  cdr_token: cdrToken,
  auth_method: 'COMMAND',
  authorization_reference: 'AUTH-0001',
  location_id: LOCATION_ID,
  evse_uid: EVSE_UID,
  connector_id: '1',
  currency: 'EUR',
  status: 'ACTIVE',
  last_updated: now(),
});

/** 2.2.1 sessions PATCH: must carry last_updated; charging_periods are appended by the receiver. */
export const aSessionProgress = (kwh: number) => ({
  kwh,
  charging_periods: [
    { start_date_time: minutesAgo(1), dimensions: [{ type: 'ENERGY', volume: kwh }], tariff_id: TARIFF_ID },
  ],
  total_cost: { excl_vat: round(kwh * 0.39), incl_vat: round(kwh * 0.39 * 1.21) },
  last_updated: now(),
});

const round = (x: number) => Math.round(x * 100) / 100;

export const aCdr = (kwh: number) => ({
  ...cpo,
  id: CDR_ID,
  start_date_time: minutesAgo(1),
  end_date_time: now(),
  session_id: SESSION_ID,
  cdr_token: cdrToken,
  auth_method: 'COMMAND',
  authorization_reference: 'AUTH-0001',
  cdr_location: {
    id: LOCATION_ID,
    address: 'Stationsplein 1',
    city: 'Amsterdam',
    postal_code: '1012 AB',
    country: 'NLD',
    coordinates: { latitude: '52.378901', longitude: '4.900112' },
    evse_uid: EVSE_UID,
    evse_id: 'NL*CPO*E0001*1',
    connector_id: '1',
    connector_standard: 'IEC_62196_T2',
    connector_format: 'SOCKET',
    connector_power_type: 'AC_3_PHASE',
  },
  currency: 'EUR',
  tariffs: [aTariff()],
  charging_periods: [
    { start_date_time: minutesAgo(1), dimensions: [{ type: 'ENERGY', volume: kwh }], tariff_id: TARIFF_ID },
  ],
  total_cost: { excl_vat: round(kwh * 0.39), incl_vat: round(kwh * 0.39 * 1.21) },
  total_energy: kwh,
  total_time: 0.02,
  last_updated: now(),
});
