// A 2.1.1 eMSP (raw token, flat credentials, no routing headers) exchanging with a 2.2.1 CPO through the hub:
// what it receives is 2.1.1, what it sends reaches the CPO as 2.2.1, and what 2.1.1 cannot carry is counted.
import * as commandTimeouts from '../../src/jobs/command-timeouts';
import { registry } from '../../src/observe/metrics';
import { cdr221, loc221, session221, tariff221, token211 } from '../builders/v211';
import type { FakeParty } from '../harness/fake-party';
import { ok } from '../harness/fake-party';
import { connect211, type FakeParty211 } from '../harness/fake-party-211';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty211;
const E11 = { country_code: 'DE', party_id: 'E11' };
const cdrToken = { ...E11, uid: '012345678', type: 'RFID', contract_id: 'DE8ACC12E46L89' };
const R = '/ocpi/2.2.1';

beforeAll(async () => {
  hub = await startHub();
  cpo = await hub.connect({
    roles: [{ role: 'CPO', country_code: 'BE', party_id: 'BEC' }],
    modules: [
      ...['locations', 'sessions', 'cdrs', 'tariffs'].map((identifier) => ({ identifier, role: 'SENDER' as const })),
      { identifier: 'tokens', role: 'RECEIVER' as const },
      { identifier: 'commands', role: 'RECEIVER' as const },
    ],
  });
  emsp = await connect211(hub, {
    role: 'EMSP',
    ...E11,
    modules: ['locations', 'sessions', 'cdrs', 'tariffs', 'tokens'],
  });
});
afterAll(async () => {
  await emsp.stop();
  await hub.stop();
});

describe('a 2.1.1 eMSP with a 2.2.1 CPO', () => {
  test('when the eMSP PUTs its 2.1.1 token, then the CPO gets a 2.2.1 token with contract_id and the eMSP as owner', async () => {
    const res = await emsp.ocpi('PUT', 'tokens', { subpath: '/DE/E11/012345678', body: token211() });
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    const got = cpo.received('/tokens/receiver/DE/E11/012345678', 'PUT');
    expect(got[0]?.body).toMatchObject({
      country_code: 'DE',
      party_id: 'E11',
      uid: '012345678',
      contract_id: 'DE8ACC12E46L89',
    });
    expect(got[0]?.body).not.toHaveProperty('auth_id');
  });

  test('when the eMSP PUTs a token of type OTHER (2.1.1 URLs carry no type), then the CPO gets it under that type', async () => {
    const res = await emsp.ocpi('PUT', 'tokens', {
      subpath: '/DE/E11/APP-7',
      body: { ...token211(), uid: 'APP-7', type: 'OTHER', auth_id: 'DE-E11-APP-7' },
    });
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    expect(cpo.received('/tokens/receiver/DE/E11/APP-7?type=OTHER', 'PUT')[0]?.body).toMatchObject({
      uid: 'APP-7',
      type: 'OTHER',
      contract_id: 'DE-E11-APP-7',
    });
  });

  test('when the CPO PUTs a location, then the eMSP gets 2.1.1 fields at its own URL; a publish=false one never reaches it', async () => {
    await cpo.ocpi('PUT', `${R}/locations/receiver/BE/BEC/LOC1`, { to: 'hub', body: loc221() });
    const hidden = {
      ...loc221(),
      id: 'LOC2',
      publish: false,
      publish_allowed_to: [{ uid: '012345678', type: 'RFID' }],
    };
    expect(
      (await cpo.ocpi('PUT', `${R}/locations/receiver/BE/BEC/LOC2`, { to: 'hub', body: hidden })).body.status_code,
    ).toBe(1000);
    await hub.drain();
    const got = emsp.received('/ocpi/2.1.1/locations/BE/BEC/LOC1', 'PUT');
    expect(got).toHaveLength(1);
    expect(got[0]?.body).toMatchObject({ id: 'LOC1', type: 'ON_STREET', time_zone: 'Europe/Brussels' });
    expect((got[0]?.body as any).evses[0].connectors[1]).toMatchObject({ voltage: 220, amperage: 16, tariff_id: '13' });
    for (const f of ['publish', 'country_code', 'parking_type']) expect(got[0]?.body).not.toHaveProperty(f);
    expect(emsp.received('/LOC2')).toHaveLength(0);
  });

  test('when the eMSP pulls locations and tariffs (GET-All), then each page holds 2.1.1 objects, publish=false ones left out', async () => {
    await cpo.ocpi('PUT', `${R}/tariffs/receiver/BE/BEC/20`, {
      to: 'hub',
      body: { ...tariff221(), country_code: 'BE', party_id: 'BEC' },
    });
    const list = await emsp.ocpi('GET', 'locations');
    expect(list.body.status_code).toBe(1000);
    expect(list.body.data.map((l: { id: string }) => l.id)).toEqual(['LOC1']);
    expect(list.body.data[0]).toMatchObject({ type: 'ON_STREET' });
    expect(list.body.data[0].evses[0].connectors[0]).toHaveProperty('voltage', 220);
    const tariffs = await emsp.ocpi('GET', 'tariffs');
    expect(tariffs.body.data).toEqual([
      expect.objectContaining({
        id: '20',
        elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, step_size: 1 }], restrictions: {} }],
      }),
    ]);
    expect(tariffs.body.data[0]).not.toHaveProperty('min_price');
  });

  test("when the CPO PUTs the eMSP's session, then the eMSP gets it in 2.1.1 with the stored location embedded", async () => {
    await cpo.ocpi('PUT', `${R}/sessions/receiver/BE/BEC/101`, {
      to: 'hub',
      body: { ...session221(), cdr_token: cdrToken },
    });
    await hub.drain();
    const got = emsp.received('/ocpi/2.1.1/sessions/BE/BEC/101', 'PUT')[0]?.body as any;
    expect(got).toMatchObject({
      id: '101',
      start_datetime: '2015-06-29T22:39:09Z',
      end_datetime: '2015-06-29T23:50:16Z',
      auth_id: 'DE8ACC12E46L89',
      total_cost: 8.5,
    });
    expect(got.location).toMatchObject({
      id: 'LOC1',
      type: 'ON_STREET',
      evses: [{ uid: '3256', connectors: [{ id: '1', voltage: 220 }] }],
    });
    expect(got).not.toHaveProperty('cdr_token');
  });

  test('when the CPO POSTs a CDR with signed_data, then the eMSP gets a 2.1.1 CDR without it and the loss is counted', async () => {
    const before = await droppedCount('cdrs', 'signed_data');
    await cpo.ocpi('POST', `${R}/cdrs/receiver`, { to: 'hub', body: { ...cdr221(), cdr_token: cdrToken } });
    await hub.drain();
    const got = emsp.received('/ocpi/2.1.1/cdrs', 'POST')[0]?.body as any;
    expect(got).toMatchObject({
      id: '12345',
      stop_date_time: '2015-06-29T23:37:32Z',
      auth_id: 'DE8ACC12E46L89',
      total_cost: 4,
      location: { id: 'LOC1' },
    });
    expect(got).not.toHaveProperty('signed_data');
    expect(await droppedCount('cdrs', 'signed_data')).toBe(before + 1);
    const view = (await hub.admin('GET', `/platforms/${emsp.platformId}`)).body;
    expect(view.conversion_dropped.cdrs).toBeGreaterThanOrEqual(4);
  });

  test('when the eMSP sends START_SESSION, then the CPO gets a 2.2.1 command with a hub response_url, and its result reaches the eMSP as a 2.1.1 CommandResponse', async () => {
    cpo.respond = (r) =>
      r.path.endsWith('/START_SESSION') ? { status: 200, body: ok({ result: 'ACCEPTED', timeout: 30 }) } : undefined;
    const responseUrl = `${emsp.url}/ocpi/2.1.1/commands/START_SESSION/42`;
    const res = await emsp.ocpi('POST', 'commands', {
      subpath: '/START_SESSION',
      body: { response_url: responseUrl, token: token211(), location_id: 'LOC1', evse_uid: '3256' },
    });
    cpo.respond = undefined;
    expect(res.body).toMatchObject({ status_code: 1000, data: { result: 'ACCEPTED' } });
    expect(res.body.data).not.toHaveProperty('timeout');
    const asked = cpo.received('/commands/receiver/START_SESSION', 'POST')[0]?.body as any;
    expect(asked).toMatchObject({
      location_id: 'LOC1',
      evse_uid: '3256',
      token: { country_code: 'DE', party_id: 'E11', contract_id: 'DE8ACC12E46L89' },
    });
    expect(asked.response_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ocpi\/2\.2\.1\/proxy\//);
    const result = await cpo.ocpi('POST', asked.response_url, {
      body: { result: 'EVSE_OCCUPIED', message: [{ language: 'en', text: 'occupied' }] },
    });
    expect(result.body.status_code).toBe(1000);
    expect(emsp.received('/commands/START_SESSION/42', 'POST')[0]?.body).toEqual({ result: 'REJECTED' });
  });
});

describe("real-time authorization of a 2.1.1 eMSP's token", () => {
  test('when the 2.2.1 CPO asks, then the 2.1.1 eMSP is asked at its own URL and the CPO gets a 2.2.1 AuthorizationInfo with the token', async () => {
    emsp.respond = (r) =>
      r.path.includes('/authorize')
        ? {
            status: 200,
            body: ok({
              allowed: 'ALLOWED',
              location: { location_id: 'LOC1', evse_uids: ['3256'], connector_ids: ['1'] },
            }),
          }
        : undefined;
    const res = await cpo.ocpi('POST', `${R}/tokens/sender/012345678/authorize`, {
      body: { location_id: 'LOC1', evse_uids: ['3256'] },
    });
    emsp.respond = undefined;
    expect(res.body.status_code).toBe(1000);
    expect(res.body.data).toEqual({
      allowed: 'ALLOWED',
      token: expect.objectContaining({
        country_code: 'DE',
        party_id: 'E11',
        uid: '012345678',
        contract_id: 'DE8ACC12E46L89',
      }),
      location: { location_id: 'LOC1', evse_uids: ['3256'] },
    });
    expect(emsp.received('/ocpi/2.1.1/tokens/012345678/authorize', 'POST')).toHaveLength(1);
  });
});

describe('a command the CPO never answers', () => {
  test("when the CPO's announced timeout runs out without a result, then the hub tells the 2.1.1 eMSP TIMEOUT at its response_url, once", async () => {
    cpo.respond = (r) =>
      r.path.endsWith('/STOP_SESSION') ? { status: 200, body: ok({ result: 'ACCEPTED', timeout: 20 }) } : undefined;
    const responseUrl = `${emsp.url}/ocpi/2.1.1/commands/STOP_SESSION/7`;
    await cpo.ocpi('PUT', `${R}/sessions/receiver/BE/BEC/201`, {
      to: 'hub',
      body: { ...session221(), id: '201', status: 'ACTIVE', cdr_token: cdrToken },
    });
    const res = await emsp.ocpi('POST', 'commands', {
      subpath: '/STOP_SESSION',
      body: { response_url: responseUrl, session_id: '201' },
    });
    cpo.respond = undefined;
    expect(res.body.data).toEqual({ result: 'ACCEPTED' });
    expect(await commandTimeouts.run(new Date(Date.now() + 5_000))).toBe(0); // not yet
    expect(await commandTimeouts.run(new Date(Date.now() + 21_000))).toBe(1);
    expect(await commandTimeouts.run(new Date(Date.now() + 60_000))).toBe(0);
    expect(emsp.received('/commands/STOP_SESSION/7', 'POST').map((c) => c.body)).toEqual([{ result: 'TIMEOUT' }]);
  });
});

async function droppedCount(module: string, field: string): Promise<number> {
  const metric = await registry.getSingleMetric('ocpi_conversion_dropped_total')?.get();
  return (
    metric?.values
      .filter((v) => v.labels.module === module && v.labels.field === field)
      .reduce((n, v) => n + v.value, 0) ?? 0
  );
}
