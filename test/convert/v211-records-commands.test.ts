// The 2.1.1 ⇄ 2.2.1 boundary for sessions, CDRs, tariffs and commands, on the spec examples of both versions.
import { fromInternal, toInternal, Unconvertible } from '../../src/convert';
import { Cdr } from '../../src/modules/cdrs/schema';
import { CommandResult, StartSession, ReserveNow } from '../../src/modules/commands/schema';
import { Session } from '../../src/modules/sessions/schema';
import { Tariff } from '../../src/modules/tariffs/schema';
import {
  cdr211,
  cdr221,
  cdrToken221,
  loc221,
  session211,
  session221,
  tariff211,
  tariff221,
  token211,
} from '../builders/v211';

const owner = { country_code: 'BE', party_id: 'BEC' };

describe('sessions', () => {
  test('when the 2.1.1 example arrives, then cdr_token is the known token, the location becomes ids and total_cost a Price (excl_vat)', () => {
    const { value, dropped } = toInternal('2.1.1', 'sessions', 'session', session211(), {
      owner,
      cdrToken: cdrToken221(),
    });
    const s = Session.parse(value);
    expect(s).toMatchObject({
      country_code: 'BE',
      party_id: 'BEC',
      start_date_time: '2015-06-29T22:39:09Z',
      location_id: 'LOC1',
      evse_uid: '3256',
      connector_id: '1',
      total_cost: { excl_vat: 2.5 },
      cdr_token: cdrToken221(),
    });
    for (const f of ['auth_id', 'location', 'start_datetime']) expect(value).not.toHaveProperty(f);
    expect(dropped).toEqual([]);
  });

  test('when no token with that contract_id is known, then the session is refused as unconvertible, never guessed', () => {
    expect(() => toInternal('2.1.1', 'sessions', 'session', session211(), { owner })).toThrow(Unconvertible);
  });

  test('when the 2.2.1 example goes to a 2.1.1 eMSP, then it embeds the stored location narrowed to the EVSE and connector used', () => {
    const { value, dropped } = fromInternal('2.1.1', 'sessions', 'session', session221(), { location: loc221() });
    const s = value as any;
    expect(s).toMatchObject({
      start_datetime: '2015-06-29T22:39:09Z',
      end_datetime: '2015-06-29T23:50:16Z',
      auth_id: 'DE8ACC12E46L89',
      total_cost: 8.5,
    });
    expect(s.location.evses).toHaveLength(1);
    expect(s.location.evses[0].connectors).toEqual([expect.objectContaining({ id: '1', voltage: 220, amperage: 16 })]);
    for (const f of ['cdr_token', 'location_id', 'evse_uid', 'connector_id', 'country_code', 'start_date_time'])
      expect(s).not.toHaveProperty(f);
    expect(dropped.sort()).toEqual(['charging_periods[].tariff_id', 'total_cost.incl_vat']);
  });

  test('when the session is RESERVATION with a COMMAND start, then 2.1.1 gets PENDING and AUTH_REQUEST and both losses are counted', () => {
    const { value, dropped } = fromInternal(
      '2.1.1',
      'sessions',
      'session',
      {
        ...session221(),
        status: 'RESERVATION',
        auth_method: 'COMMAND',
        charging_periods: [
          {
            start_date_time: 'x',
            dimensions: [
              { type: 'STATE_OF_CHARGE', volume: 80 },
              { type: 'ENERGY', volume: 1 },
            ],
          },
        ],
      },
      { location: loc221() },
    );
    expect(value).toMatchObject({
      status: 'PENDING',
      auth_method: 'AUTH_REQUEST',
      charging_periods: [{ dimensions: [{ type: 'ENERGY', volume: 1 }] }],
    });
    expect(dropped).toEqual(
      expect.arrayContaining([
        'status:RESERVATION',
        'auth_method:COMMAND',
        'charging_periods[].dimensions[]:STATE_OF_CHARGE',
      ]),
    );
  });

  test("when the hub does not hold the session's location, then it cannot be written for 2.1.1", () => {
    expect(() => fromInternal('2.1.1', 'sessions', 'session', session221(), {})).toThrow(Unconvertible);
  });
});

describe('CDRs', () => {
  test('when the 2.1.1 example arrives, then stop_date_time, cdr_token, cdr_location, Price and owned tariffs are 2.2.1', () => {
    const { value, dropped } = toInternal('2.1.1', 'cdrs', 'cdr', cdr211(), { owner, cdrToken: cdrToken221() });
    const c = Cdr.parse(value);
    expect(c).toMatchObject({
      end_date_time: '2015-06-29T23:37:32Z',
      total_cost: { excl_vat: 4 },
      cdr_location: {
        id: 'LOC1',
        evse_uid: '3256',
        evse_id: 'BE-BEC-E041503003',
        connector_id: '1',
        connector_standard: 'IEC_62196_T2',
        connector_power_type: 'AC_1_PHASE',
      },
    });
    expect(c.tariffs?.[0]).toMatchObject({ country_code: 'BE', party_id: 'BEC', id: '12' });
    expect(dropped).toEqual([]);
  });

  test('when the 2.2.1 example (with signed_data) goes to a 2.1.1 eMSP, then signed_data, VAT and cost breakdown are dropped and counted', () => {
    const { value, dropped } = fromInternal('2.1.1', 'cdrs', 'cdr', cdr221(), { location: loc221() });
    const c = value as any;
    expect(c).toMatchObject({
      stop_date_time: '2015-06-29T23:37:32Z',
      auth_id: 'DE8ACC12E46L89',
      total_cost: 4,
      location: { id: 'LOC1', type: 'ON_STREET' },
    });
    expect(c.tariffs[0]).toEqual({
      id: '12',
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'TIME', price: 2, step_size: 300 }] }],
      last_updated: '2015-02-02T14:15:01Z',
    });
    expect(dropped.sort()).toEqual([
      'charging_periods[].tariff_id',
      'signed_data',
      'tariffs[].elements[].price_components[].vat',
      'total_cost.incl_vat',
      'total_time_cost',
    ]);
  });

  test('when the CDR passes between 2.2.1 partners, then signed_data is passed on unchanged', () => {
    expect(fromInternal('2.2.1', 'cdrs', 'cdr', cdr221(), {}).value).toEqual(cdr221());
  });
});

describe('tariffs', () => {
  test('when a 2.1.1 tariff arrives, then it gets its owner and is a valid 2.2.1 tariff', () => {
    expect(Tariff.parse(toInternal('2.1.1', 'tariffs', 'tariff', tariff211(), { owner }).value)).toMatchObject({
      country_code: 'BE',
      party_id: 'BEC',
      id: '12',
    });
  });

  test('when a 2.1.1 PATCH arrives, then it is applied to the stored tariff and the full object comes out', () => {
    const stored = toInternal('2.1.1', 'tariffs', 'tariff', tariff211(), { owner }).value;
    const { value } = toInternal(
      '2.1.1',
      'tariffs',
      'tariff',
      { tariff_alt_url: 'https://example.com/t', last_updated: '2015-03-01T00:00:00Z' },
      { patch: true, stored },
    );
    expect(Tariff.parse(value)).toMatchObject({
      id: '12',
      tariff_alt_url: 'https://example.com/t',
      last_updated: '2015-03-01T00:00:00Z',
      elements: tariff211().elements,
    });
  });

  test('when the 2.2.1 example goes to a 2.1.1 eMSP, then type, min_price, vat and max_current are dropped and counted', () => {
    const { value, dropped } = fromInternal('2.1.1', 'tariffs', 'tariff', tariff221(), {});
    expect(value).toEqual({
      id: '20',
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, step_size: 1 }], restrictions: {} }],
      last_updated: '2018-12-17T16:45:21Z',
    });
    expect(dropped.sort()).toEqual([
      'elements[].price_components[].vat',
      'elements[].restrictions.max_current',
      'min_price',
      'type',
    ]);
  });
});

describe('commands', () => {
  const emsp = { country_code: 'DE', party_id: 'TNM' };
  test("when a 2.1.1 eMSP sends START_SESSION, then the CPO gets a 2.2.1 StartSession with the hub's response_url and the eMSP's token", () => {
    const body = {
      response_url: 'https://emsp.example/cmd/1',
      token: token211(),
      location_id: 'LOC1',
      evse_uid: '3256',
    };
    const { value } = toInternal('2.1.1', 'commands', 'command:START_SESSION', body, {
      owner: emsp,
      responseUrl: 'https://hub.example/r/abc',
    });
    expect(StartSession.parse(value)).toMatchObject({
      response_url: 'https://hub.example/r/abc',
      token: { country_code: 'DE', party_id: 'TNM', contract_id: 'DE8ACC12E46L89' },
      location_id: 'LOC1',
    });
  });

  test('when a 2.1.1 RESERVE_NOW has an integer reservation_id, then 2.2.1 gets it as a string', () => {
    const body = {
      response_url: 'https://emsp.example/cmd/2',
      token: token211(),
      expiry_date: '2015-06-29T23:00:00Z',
      reservation_id: 17,
      location_id: 'LOC1',
    };
    expect(
      ReserveNow.parse(toInternal('2.1.1', 'commands', 'command:RESERVE_NOW', body, { owner: emsp }).value)
        .reservation_id,
    ).toBe('17');
  });

  test("when the CPO's CommandResult goes to a 2.1.1 eMSP, then it is a CommandResponse; results 2.1.1 lacks become REJECTED, counted", () => {
    expect(fromInternal('2.1.1', 'commands', 'CommandResult', CommandResult.parse({ result: 'ACCEPTED' }), {})).toEqual(
      { value: { result: 'ACCEPTED' }, dropped: [] },
    );
    const occupied = fromInternal(
      '2.1.1',
      'commands',
      'CommandResult',
      { result: 'EVSE_OCCUPIED', message: [{ language: 'en', text: 'busy' }] },
      {},
    );
    expect(occupied).toEqual({ value: { result: 'REJECTED' }, dropped: ['message', 'result:EVSE_OCCUPIED'] });
    expect(fromInternal('2.1.1', 'commands', 'CommandResponse', { result: 'ACCEPTED', timeout: 30 }, {})).toEqual({
      value: { result: 'ACCEPTED' },
      dropped: ['timeout'],
    });
  });

  test('when a 2.2.1 START_SESSION goes to a 2.1.1 CPO, then connector_id and authorization_reference are counted, the token is 2.1.1', () => {
    const body = {
      response_url: 'https://hub.example/r/1',
      token: { ...cdrToken221(), issuer: 'TNM', valid: true, whitelist: 'ALLOWED', last_updated: 'x' },
      location_id: 'LOC1',
      evse_uid: '3256',
      connector_id: '1',
      authorization_reference: 'R1',
    };
    const { value, dropped } = fromInternal('2.1.1', 'commands', 'command:START_SESSION', body, {});
    expect((value as any).token.auth_id).toBe('DE8ACC12E46L89');
    expect(dropped.sort()).toEqual(['authorization_reference', 'connector_id']);
    expect(() =>
      fromInternal('2.1.1', 'commands', 'command:CANCEL_RESERVATION', { response_url: 'x', reservation_id: '1' }, {}),
    ).toThrow(Unconvertible);
  });
});
