// Offline receivers: while still-alive has a receiver OFFLINE its deliveries wait untried and resume in order
// when it is CONNECTED again; under a 'drop' policy its queued deliveries are dropped (it resyncs by GET).
import * as stillAlive from '../../src/jobs/still-alive';
import { aLocation } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';
import { sleep } from '../harness/wait';
import { later, minute, rowsOf } from './outbox';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const base = '/ocpi/2.2.1/locations/receiver/NL/CPA';
const EVSE = 'VP-UT-0042-1';
// still-alive records the time it is given as last_seen_at: each run is ten more minutes ahead of the last
let ahead = 0;
const inTen = () => new Date(Date.now() + (ahead += 10) * 60_000);
const loc = (id: string) => aLocation({ country_code: 'NL', party_id: 'CPA', id });
const send = async (method: string, path: string, body: unknown) => {
  const res = await cpo.ocpi(method, `${base}/${path}`, { body });
  expect(res.status).toBeLessThan(300);
};
const statusOf = async (party: FakeParty) =>
  (await hub.admin('GET', `/platforms/${party.platformId}`)).body.roles.map((r: { status: string }) => r.status);

let down: number | undefined; // the port of the stopped receiver

async function stopReceiver(): Promise<void> {
  down = emsp.port;
  await emsp.stop();
}
async function restartReceiver(): Promise<void> {
  if (down !== undefined) await emsp.start(down);
  down = undefined;
}
/** Stops the receiver and lets still-alive find it gone. */
async function takeOffline(): Promise<void> {
  await stopReceiver();
  await stillAlive.run(inTen());
  expect(await statusOf(emsp)).toEqual(['OFFLINE']);
}

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }], modules: sends('locations') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('locations') },
  }));
});
afterAll(() => hub.stop());
afterEach(async () => {
  // each test starts with the receiver listening and CONNECTED, its queue empty
  await restartReceiver();
  await stillAlive.run(inTen());
  await hub.drain(later());
});

const shown = (party: FakeParty, id: string) =>
  party
    .received(`/NL/CPA/${id}`)
    .map(
      (c) =>
        `${c.method} ${c.path.replace(/^.*\/NL\/CPA\//, '')}${c.method === 'PATCH' ? ` ${(c.body as { status: string }).status}` : ''}`,
    );

describe('a receiver OFFLINE under the default policy (wait)', () => {
  test('when deliveries were queued before it went OFFLINE, then they are not tried while it is OFFLINE, even once it listens again, and arrive in order when it is back', async () => {
    await stopReceiver();
    await send('PUT', 'W1', loc('W1'));
    for (const [i, status] of ['CHARGING', 'AVAILABLE'].entries())
      await send('PATCH', `W1/${EVSE}`, { status, last_updated: minute(i) });
    await send('PUT', 'W2', loc('W2'));
    await hub.drain(); // the heads of W1 and W2 fail once: connection refused
    await stillAlive.run(inTen());
    expect(await statusOf(emsp)).toEqual(['OFFLINE']);
    await hub.drain(later());
    const queued = await rowsOf(hub, emsp);
    expect(queued.map((r) => [r.method, r.state, r.attempts])).toEqual([
      ['PUT', 'pending', 1],
      ['PATCH', 'pending', 0],
      ['PATCH', 'pending', 0],
      ['PUT', 'pending', 1],
    ]);
    expect((await hub.admin('GET', `/platforms/${emsp.platformId}`)).body.outbox).toMatchObject({
      pending: 4,
      dead: 0,
    });

    // listening again, but the hub still has it OFFLINE: nothing is sent
    await restartReceiver();
    await hub.drain(later());
    expect(emsp.received('/locations')).toHaveLength(0);

    await stillAlive.run(inTen());
    expect(await statusOf(emsp)).toEqual(['CONNECTED']);
    await hub.drain(later()); // past the backoff of the heads' failed first attempt
    expect(shown(emsp, 'W1')).toEqual(['PUT W1', `PATCH W1/${EVSE} CHARGING`, `PATCH W1/${EVSE} AVAILABLE`]);
    expect(shown(emsp, 'W2')).toEqual(['PUT W2']);
    expect((await rowsOf(hub, emsp)).map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  test('when locations are pushed while it is OFFLINE, then they are queued for it, untried, and arrive in order when it is back', async () => {
    await takeOffline();
    await send('PUT', 'W3', loc('W3'));
    await send('PATCH', `W3/${EVSE}`, { status: 'BLOCKED', last_updated: minute(2) });
    await hub.drain(later());
    expect((await rowsOf(hub, emsp, 'W3')).map((r) => [r.method, r.state, r.attempts])).toEqual([
      ['PUT', 'pending', 0],
      ['PATCH', 'pending', 0],
    ]);
    await restartReceiver();
    await stillAlive.run(inTen());
    await hub.drain();
    expect(shown(emsp, 'W3')).toEqual(['PUT W3', `PATCH W3/${EVSE} BLOCKED`]);
  });
});

describe('a receiver OFFLINE whose locations policy is drop', () => {
  test('when its locations policy is drop and it goes OFFLINE, then its queued locations are dropped, listed as dropped, and never sent', async () => {
    const patched = await hub.admin('PATCH', `/platforms/${emsp.platformId}`, {
      delivery: { locations: { when_offline: 'drop' } },
    });
    expect(patched.status).toBe(200);
    await stopReceiver();
    await send('PUT', 'X1', loc('X1'));
    await send('PATCH', `X1/${EVSE}`, { status: 'BLOCKED', last_updated: minute(5) });
    await hub.drain(); // the PUT fails once (connection refused): both rows are queued
    await stillAlive.run(inTen());
    expect(await statusOf(emsp)).toEqual(['OFFLINE']);
    await sleep(1100); // time must pass: the drop sweep runs at most once a second (outbox/offline.ts)
    await hub.drain();
    const dropped = await hub.admin('GET', `/outbox?state=dropped&platform=${emsp.platformId}`);
    expect(dropped.status).toBe(200);
    expect(dropped.body.entries.map((e: { method: string; object_key: string }) => [e.method, e.object_key])).toEqual([
      ['PUT', 'NL*CPA*X1'],
      ['PATCH', 'NL*CPA*X1'],
    ]);

    await restartReceiver();
    await stillAlive.run(inTen());
    expect(await statusOf(emsp)).toEqual(['CONNECTED']);
    await hub.drain(later());
    expect(emsp.received('/NL/CPA/X1')).toHaveLength(0);
    // once it is back, new pushes flow again
    await send('PUT', 'X2', loc('X2'));
    await hub.drain();
    expect(emsp.received('/NL/CPA/X2', 'PUT')).toHaveLength(1);
  });
});
