// The 2.1.1 ⇄ 2.2.1 boundary for locations, tokens and real-time authorization, on the spec examples of both versions.
import { fromInternal, toInternal, Unconvertible } from '../../src/convert';
import { Location } from '../../src/modules/locations/schema';
import { AuthorizationInfo, Token } from '../../src/modules/tokens/schema';
import { loc211, loc221, token211, token221 } from '../builders/v211';

const owner = { country_code: 'BE', party_id: 'BEC' };

describe('locations from a 2.1.1 CPO', () => {
  test('when the 2.1.1 example arrives, then it gets the owner, publish true, max_voltage/max_amperage, tariff_ids, parking_type and the default time zone', () => {
    const { value, dropped } = toInternal('2.1.1', 'locations', 'location', loc211(), {
      owner,
      defaultTimeZone: 'Europe/Brussels',
    });
    const l = Location.parse(value);
    expect(l).toMatchObject({
      country_code: 'BE',
      party_id: 'BEC',
      publish: true,
      parking_type: 'ON_STREET',
      time_zone: 'Europe/Brussels',
    });
    expect(l.evses?.[0]?.connectors[0]).toMatchObject({ max_voltage: 220, max_amperage: 16, tariff_ids: ['11'] });
    expect(l.evses?.[0]?.connectors[0]).not.toHaveProperty('voltage');
    expect(value).not.toHaveProperty('type');
    expect(dropped).toEqual([]);
  });

  test('when the location has its own time_zone, then that one is kept over the default', () => {
    const { value } = toInternal(
      '2.1.1',
      'locations',
      'location',
      { ...loc211(), time_zone: 'Europe/Oslo' },
      { owner, defaultTimeZone: 'Europe/Brussels' },
    );
    expect((value as { time_zone: string }).time_zone).toBe('Europe/Oslo');
  });

  test('when neither the location nor the platform gives a time zone, then the conversion refuses rather than invent one', () => {
    expect(() => toInternal('2.1.1', 'locations', 'location', loc211(), { owner })).toThrow(Unconvertible);
  });

  test('when type is OTHER, then parking_type stays unset and the loss is counted; UNKNOWN says nothing and loses nothing', () => {
    expect(
      toInternal('2.1.1', 'locations', 'location', { ...loc211(), type: 'OTHER' }, { owner, defaultTimeZone: 'UTC' })
        .dropped,
    ).toEqual(['type:OTHER']);
    const unknown = toInternal(
      '2.1.1',
      'locations',
      'location',
      { ...loc211(), type: 'UNKNOWN' },
      { owner, defaultTimeZone: 'UTC' },
    );
    expect(unknown.dropped).toEqual([]);
    expect(unknown.value).not.toHaveProperty('parking_type');
  });

  test('when a 2.1.1 connector PATCH arrives, then only its fields are renamed and nothing is injected', () => {
    const { value } = toInternal(
      '2.1.1',
      'locations',
      'location',
      { evses: [{ uid: '3256', connectors: [{ id: '1', tariff_id: '12' }] }], last_updated: '2015-07-01T00:00:00Z' },
      { patch: true },
    );
    expect(value).toEqual({
      evses: [{ uid: '3256', connectors: [{ id: '1', tariff_ids: ['12'] }] }],
      last_updated: '2015-07-01T00:00:00Z',
    });
    expect(toInternal('2.1.1', 'locations', 'connector', { amperage: 32, last_updated: 'x' }, {}).value).toEqual({
      max_amperage: 32,
      last_updated: 'x',
    });
  });
});

describe('locations to a 2.1.1 eMSP', () => {
  test('when the 2.2.1 example goes out, then voltage/amperage/tariff_id and type are written and the owner fields and publish leave', () => {
    const { value, dropped } = fromInternal('2.1.1', 'locations', 'location', loc221(), {});
    expect(value).toMatchObject({ id: 'LOC1', type: 'ON_STREET', time_zone: 'Europe/Brussels' });
    const c = (value as any).evses[0].connectors[1];
    expect(c).toEqual({
      id: '2',
      standard: 'IEC_62196_T2',
      format: 'SOCKET',
      power_type: 'AC_3_PHASE',
      voltage: 220,
      amperage: 16,
      tariff_id: '13',
      last_updated: '2015-03-18T08:12:01Z',
    });
    for (const f of ['country_code', 'party_id', 'publish', 'parking_type']) expect(value).not.toHaveProperty(f);
    expect(dropped).toEqual([]);
  });

  test('when 2.2.1-only fields and values are present, then each is dropped and counted', () => {
    const l = loc221();
    Object.assign(l, { parking_type: 'ALONG_MOTORWAY', state: 'Oost-Vlaanderen', facilities: ['CAFE', 'TRAM_STOP'] });
    Object.assign(l.evses[0]!, { capabilities: ['RESERVABLE', 'PED_TERMINAL'] });
    Object.assign(l.evses[0]!.connectors[0]!, { tariff_ids: ['11', '13'], max_electric_power: 11000 });
    Object.assign(l.evses[0]!.connectors[1]!, { power_type: 'AC_2_PHASE' });
    const { value, dropped } = fromInternal('2.1.1', 'locations', 'location', l, {});
    expect((value as any).type).toBe('OTHER');
    expect((value as any).facilities).toEqual(['CAFE']);
    expect((value as any).evses[0].connectors).toHaveLength(1);
    expect(dropped.sort()).toEqual([
      'evses[].capabilities:PED_TERMINAL',
      'evses[].connectors[].max_electric_power',
      'evses[].connectors[].tariff_ids[1..]',
      'evses[].connectors[]:power_type=AC_2_PHASE',
      'facilities:TRAM_STOP',
      'parking_type:ALONG_MOTORWAY',
      'state',
    ]);
  });

  test('when a location has no parking_type, then 2.1.1 gets type UNKNOWN (a PATCH gets none)', () => {
    const { parking_type: _p, ...l } = loc221();
    expect((fromInternal('2.1.1', 'locations', 'location', l, {}).value as any).type).toBe('UNKNOWN');
    expect(
      fromInternal('2.1.1', 'locations', 'location', { name: 'x', last_updated: 'x' }, { patch: true }).value,
    ).toEqual({ name: 'x', last_updated: 'x' });
  });

  test('when the round trip runs 2.1.1 → internal → 2.1.1, then the example comes back as it was', () => {
    const inside = toInternal('2.1.1', 'locations', 'location', loc211(), {
      owner,
      defaultTimeZone: 'Europe/Brussels',
    }).value;
    expect(fromInternal('2.1.1', 'locations', 'location', inside, {}).value).toEqual({
      ...loc211(),
      time_zone: 'Europe/Brussels',
    });
  });
});

describe('tokens and authorization', () => {
  test('when the 2.1.1 token example arrives from an eMSP, then auth_id becomes contract_id and the owner is the eMSP', () => {
    const { value } = toInternal('2.1.1', 'tokens', 'token', token211(), {
      owner: { country_code: 'DE', party_id: 'TNM' },
    });
    expect(Token.parse(value)).toMatchObject({
      country_code: 'DE',
      party_id: 'TNM',
      contract_id: 'DE8ACC12E46L89',
      uid: '012345678',
    });
    expect(value).not.toHaveProperty('auth_id');
  });

  test('when the 2.2.1 token example goes to a 2.1.1 CPO, then contract_id becomes auth_id and 2.2.1-only fields are counted', () => {
    const { value, dropped } = fromInternal('2.1.1', 'tokens', 'token', { ...token221(), type: 'APP_USER' }, {});
    expect(value).toEqual({
      uid: '012345678',
      type: 'OTHER',
      auth_id: 'DE8ACC12E46L89',
      visual_number: 'DF000-2001-8999',
      issuer: 'TheNewMotion',
      valid: true,
      whitelist: 'ALLOWED',
      language: 'nl',
      last_updated: '2018-12-10T17:25:10Z',
    });
    expect(dropped.sort()).toEqual(['default_profile_type', 'energy_contract', 'group_id', 'type:APP_USER']);
  });

  test('when a 2.1.1 eMSP answers an authorization, then the token the hub knows is added and connector_ids counted as lost', () => {
    const info211 = {
      allowed: 'ALLOWED',
      location: { location_id: 'LOC1', evse_uids: ['3256'], connector_ids: ['1'] },
      info: { language: 'en', text: 'Welcome' },
    };
    const { value, dropped } = toInternal('2.1.1', 'tokens', 'AuthorizationInfo', info211, { token: token221() });
    expect(AuthorizationInfo.parse(value)).toMatchObject({
      allowed: 'ALLOWED',
      token: { contract_id: 'DE8ACC12E46L89' },
      location: { location_id: 'LOC1', evse_uids: ['3256'] },
    });
    expect(dropped).toEqual(['connector_ids']);
  });

  test("when a 2.2.1 eMSP's AuthorizationInfo goes to a 2.1.1 CPO, then token leaves and authorization_reference is counted", () => {
    const { value, dropped } = fromInternal(
      '2.1.1',
      'tokens',
      'AuthorizationInfo',
      { allowed: 'BLOCKED', token: token221(), authorization_reference: 'REF1' },
      {},
    );
    expect(value).toEqual({ allowed: 'BLOCKED' });
    expect(dropped).toEqual(['authorization_reference']);
  });
});
