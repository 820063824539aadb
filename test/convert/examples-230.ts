// OCPI 2.3.0 objects written after the shape and values of the 2.3.0 spec's examples (tag v2.3.0, examples/*.json),
// plus the OpenEnum values and fields 2.3.0 added. Builders return fresh copies.

/** After cdr_example.json: a CDR whose costs carry a VAT tax list (its tariff lacks `tax_included`, as there). */
export const aCdr230 = (): Record<string, any> => ({
  country_code: 'BE',
  party_id: 'BEC',
  id: '12345',
  start_date_time: '2024-12-05T17:39:09Z',
  end_date_time: '2024-12-05T19:37:32Z',
  cdr_token: { country_code: 'DE', party_id: 'TNM', uid: '012345678', type: 'RFID', contract_id: 'DE8ACC12E46L89' },
  auth_method: 'WHITELIST',
  cdr_location: {
    id: 'LOC1',
    name: 'Gent Zuid',
    address: 'F.Rooseveltlaan 3A',
    city: 'Gent',
    postal_code: '9000',
    country: 'BEL',
    coordinates: { latitude: '3.729944', longitude: '51.047599' },
    evse_uid: '3256',
    evse_id: 'BE*BEC*E041503003',
    connector_id: '1',
    connector_standard: 'IEC_62196_T2',
    connector_format: 'SOCKET',
    connector_power_type: 'AC_1_PHASE',
  },
  currency: 'EUR',
  tariffs: [
    {
      country_code: 'BE',
      party_id: 'BEC',
      id: '12',
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'TIME', price: 2.0, vat: 10.0, step_size: 300 }] }],
      last_updated: '2024-05-02T14:15:01Z',
    },
  ],
  charging_periods: [
    { start_date_time: '2024-12-05T17:39:09Z', dimensions: [{ type: 'TIME', volume: 1.973 }], tariff_id: '12' },
  ],
  total_cost: { before_taxes: 4.0, taxes: [{ name: 'VAT', amount: 0.4 }] },
  total_energy: 15.342,
  total_time: 1.973,
  total_time_cost: { before_taxes: 4.0, taxes: [{ name: 'VAT', amount: 0.4 }] },
  last_updated: '2024-12-05T20:02:13Z',
});

/** After session_patch_example_total_cost.json. */
export const aSessionCostPatch230 = (): Record<string, any> => ({
  total_cost: { before_taxes: 0.6, taxes: [{ name: 'VAT', amount: 0.06 }] },
  last_updated: '2019-06-23T08:11:00Z',
});

/** After tariff_6_025kwh_start_max_price.json: a PriceLimit with both amounts, prices excluding taxes. */
export const aMaxPriceTariff230 = (): Record<string, any> => ({
  country_code: 'DE',
  party_id: 'ALL',
  id: '16',
  currency: 'EUR',
  max_price: { before_taxes: 10.0, after_taxes: 11.0 },
  elements: [
    {
      price_components: [
        { type: 'FLAT', price: 0.5, vat: 20.0, step_size: 1 },
        { type: 'ENERGY', price: 0.25, vat: 10.0, step_size: 1 },
      ],
    },
  ],
  tax_included: 'NO',
  end_date_time: '2019-06-30T23:59:59Z',
  last_updated: '2018-12-17T17:15:01Z',
});

/** After tariff_12_025kwh_min_price.json. */
export const aMinPriceTariff230 = (): Record<string, any> => ({
  country_code: 'DE',
  party_id: 'ALL',
  id: '20',
  currency: 'EUR',
  min_price: { before_taxes: 0.5, after_taxes: 0.55 },
  elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, vat: 10.0, step_size: 1 }] }],
  tax_included: 'NO',
  last_updated: '2018-12-17T16:45:21Z',
});

/** After tariff_19 (taxes on top, "NO") and tariff_20 (taxes included, "YES"): North American, no VAT stated. */
export const aNorthAmericanTariff230 = (tax_included: 'NO' | 'YES'): Record<string, any> => ({
  country_code: 'CA',
  party_id: 'FLO',
  id: '12',
  currency: 'CAD',
  elements: [{ price_components: [{ type: 'TIME', price: tax_included === 'YES' ? 2.1 : 2.0, step_size: 1 }] }],
  tax_included,
  last_updated: '2024-12-05T18:30:14Z',
});

/** After location_example.json (2.3.0): parking places and EVSE parking; the second EVSE's only connector is MCS. */
export const aLocation230 = (): Record<string, any> => ({
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
  parking_type: 'PARKING_GARAGE',
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
          capabilities: ['ISO_15118_2_PLUG_AND_CHARGE'],
          last_updated: '2015-03-16T10:10:02Z',
        },
      ],
      parking: [{ parking_id: '1', evse_position: 'LEFT' }, { parking_id: '2' }],
      parking_restrictions: ['EV_ONLY', 'TAXIS'],
      accepted_service_providers: ['TheNewMotion'],
      physical_reference: '1',
      floor_level: '-1',
      last_updated: '2015-06-28T08:12:01Z',
    },
    {
      uid: '3257',
      evse_id: 'BE*BEC*E041503002',
      status: 'RESERVED',
      capabilities: ['RESERVABLE'],
      connectors: [
        {
          id: '1',
          standard: 'MCS',
          format: 'CABLE',
          power_type: 'DC',
          max_voltage: 1250,
          max_amperage: 3000,
          tariff_ids: ['12'],
          last_updated: '2015-06-29T20:39:09Z',
        },
      ],
      parking: [{ parking_id: '3' }],
      physical_reference: '2',
      floor_level: '-2',
      last_updated: '2015-06-29T20:39:09Z',
    },
  ],
  parking_places: ['1', '2', '3'].map((id) => ({
    id,
    physical_reference: `B${id}`,
    vehicle_types: ['PERSONAL_VEHICLE'],
    reservation_required: false,
    restricted_to_type: true,
  })),
  facilities: ['PARKING_LOT', 'EV_LOUNGE'],
  operator: { name: 'BeCharged' },
  help_phone: '+3212345678',
  time_zone: 'Europe/Brussels',
  last_updated: '2015-06-29T20:39:09Z',
});

/** After token_example_1_app_user.json, as an ISO 15118 EMAID token (2.3.0 TokenType). */
export const anEmaidToken230 = (): Record<string, any> => ({
  country_code: 'DE',
  party_id: 'TNM',
  uid: 'DE8ACC12E46L89',
  type: 'EMAID',
  contract_id: 'DE8ACC12E46L89',
  issuer: 'TheNewMotion',
  valid: true,
  whitelist: 'NEVER',
  last_updated: '2018-12-10T17:16:15Z',
});
