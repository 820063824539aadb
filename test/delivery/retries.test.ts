// Retries: a failing receiver's deliveries back off and arrive in order once it recovers; final answers and
// exhausted attempts become dead letters that the operator lists, counts, retries and deletes.
import { Types } from 'mongoose';
import { aLocation } from '../builders';
import { ok, type FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';
import { sleep } from '../harness/wait';
import { later, minute, rowsOf } from './outbox';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
let other: FakeParty;
const base = '/ocpi/2.2.1/locations/receiver/NL/CPA';
const EVSE = 'VP-UT-0042-1';
const loc = (id: string, extra: Record<string, unknown> = {}) =>
  aLocation({ country_code: 'NL', party_id: 'CPA', id, ...extra });
const push = async (id: string, extra: Record<string, unknown> = {}) => {
  const res = await cpo.ocpi('PUT', `${base}/${id}`, { body: loc(id, extra) });
  expect(res.status).toBeLessThan(300);
};
const envelope = (status_code: number) => ({
  status_code,
  status_message: `answered ${status_code}`,
  timestamp: new Date().toISOString(),
});

beforeAll(async () => {
  ({
    hub,
    cpo,
    emsp,
    more: { other },
  } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }], modules: sends('locations') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('locations') },
    more: { other: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: receives('locations') } },
  }));
});
afterAll(() => hub.stop());
afterEach(() => {
  emsp.respond = undefined;
});

describe('a receiver that fails for a while, then recovers', () => {
  test("when it answers HTTP 500 to its first calls, then the object's deliveries back off, nothing is lost, and they arrive in order once it recovers", async () => {
    let failures = 3;
    emsp.respond = (rec) =>
      rec.path.includes('/NL/CPA/R1') && failures-- > 0 ? { status: 500, body: 'internal error' } : undefined;
    await push('R1');
    for (const [i, status] of ['CHARGING', 'BLOCKED', 'AVAILABLE'].entries()) {
      expect(
        (await cpo.ocpi('PATCH', `${base}/R1/${EVSE}`, { body: { status, last_updated: minute(i) } })).status,
      ).toBe(200);
    }
    const before = Date.now();
    await hub.drain();
    // only the head of the object's queue was tried; the PATCHes wait behind it
    expect(emsp.received('/NL/CPA/R1')).toHaveLength(1);
    const waiting = await rowsOf(hub, emsp, 'R1');
    expect(waiting.map((r) => [r.method, r.state, r.attempts])).toEqual([
      ['PUT', 'pending', 1],
      ['PATCH', 'pending', 0],
      ['PATCH', 'pending', 0],
      ['PATCH', 'pending', 0],
    ]);
    expect(waiting[0]).toMatchObject({ last_status: 500, last_error: expect.stringMatching(/HTTP 500/) });
    expect(new Date(waiting[0]!.next_at).getTime()).toBeGreaterThan(before + 500); // backoff: ~1 s after the first failure

    await hub.drain(later());
    const calls = emsp
      .received('/NL/CPA/R1')
      .map((c) => (c.method === 'PUT' ? 'PUT' : (c.body as { status: string }).status));
    expect(calls).toEqual(['PUT', 'PUT', 'PUT', 'PUT', 'CHARGING', 'BLOCKED', 'AVAILABLE']);
    const done = await rowsOf(hub, emsp, 'R1');
    expect(done.map((r) => [r.state, r.attempts])).toEqual([
      ['delivered', 4],
      ['delivered', 1],
      ['delivered', 1],
      ['delivered', 1],
    ]);
    // the healthy receiver was not held up by the failing one: it got everything at the first cycle
    expect(other.received('/NL/CPA/R1').map((c) => c.method)).toEqual(['PUT', 'PATCH', 'PATCH', 'PATCH']);
  });

  test('when a receiver refuses connections, then its delivery is retried, and delivered once it listens again', async () => {
    const port = other.port;
    await other.stop();
    await push('R2');
    await hub.drain();
    const [row] = await rowsOf(hub, other, 'R2');
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_status: null, last_error: expect.any(String) });
    expect(new Date(row!.next_at).getTime()).toBeGreaterThan(Date.now());
    await other.start(port);
    await hub.drain(later());
    expect(other.received('/NL/CPA/R2', 'PUT')).toHaveLength(1);
    expect((await rowsOf(hub, other, 'R2'))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  });
});

describe('which answers are final and which are retried', () => {
  const answers: Record<string, { status: number; body: unknown; headers?: Record<string, string> }> = {
    F400: { status: 400, body: envelope(2001) },
    F2001: { status: 200, body: envelope(2001) },
    T503: { status: 503, body: envelope(3000) },
    T3000: { status: 200, body: envelope(3000) },
    THTML: { status: 200, body: '<html>proxy says hello</html>', headers: { 'Content-Type': 'text/html' } },
    TJSON: { status: 200, body: { hello: 'not an OCPI envelope' } },
  };

  test('when a receiver answers HTTP 400 or HTTP 200 with status_code 2001, then the row is dead at once; HTTP 503, OCPI 3000 or a non-OCPI answer are retried', async () => {
    emsp.respond = (rec) => answers[/\/NL\/CPA\/(\w+)$/.exec(rec.path)?.[1] ?? ''];
    for (const id of Object.keys(answers)) await push(id);
    await hub.drain();
    const state = async (id: string) => (await rowsOf(hub, emsp, id)).map((r) => [r.state, r.attempts, r.last_status]);
    expect(await state('F400')).toEqual([['dead', 1, 400]]);
    expect(await state('F2001')).toEqual([['dead', 1, 200]]);
    for (const [id, status] of [
      ['T503', 503],
      ['T3000', 200],
      ['THTML', 200],
      ['TJSON', 200],
    ] as const) {
      expect(await state(id)).toEqual([['pending', 1, status]]);
    }
    expect((await rowsOf(hub, emsp, 'F2001'))[0]?.last_error).toMatch(/status_code 2001/);
    expect((await rowsOf(hub, emsp, 'THTML'))[0]?.last_error).toMatch(/not an OCPI answer/);

    emsp.respond = undefined;
    await hub.drain(later());
    for (const id of ['T503', 'T3000', 'THTML', 'TJSON']) {
      expect(emsp.received(`/NL/CPA/${id}`, 'PUT')).toHaveLength(2);
      expect(await state(id)).toEqual([['delivered', 2, 200]]);
    }
    for (const id of ['F400', 'F2001']) {
      expect(emsp.received(`/NL/CPA/${id}`, 'PUT')).toHaveLength(1); // never tried again on its own
      expect((await state(id))[0]?.[0]).toBe('dead');
    }
  });
});

describe('a receiver that never recovers', () => {
  let deadRow: string;

  test('when the platform allows 3 attempts, then the row is dead after the 3rd, listed without payload or URL, and counted on the platform', async () => {
    const patched = await hub.admin('PATCH', `/platforms/${emsp.platformId}`, {
      delivery: { '*': { max_attempts: 3 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.delivery).toEqual({ '*': { max_attempts: 3 } });
    emsp.respond = (rec) => (rec.path.includes('/NL/CPA/D1') ? { status: 500, body: envelope(3000) } : undefined);
    await push('D1', { name: 'Dead End Garage' });
    await hub.drain(later());
    expect(emsp.received('/NL/CPA/D1')).toHaveLength(3);

    const listed = await hub.admin('GET', `/outbox?state=dead&platform=${emsp.platformId}`);
    expect(listed.status).toBe(200);
    const entry = listed.body.entries.find((e: { object_key: string }) => e.object_key.endsWith('*D1'));
    expect(entry).toMatchObject({
      state: 'dead',
      attempts: 3,
      module: 'locations',
      method: 'PUT',
      platform_id: emsp.platformId,
      last_status: 500,
    });
    deadRow = entry.id;
    for (const e of listed.body.entries) {
      expect(e).not.toHaveProperty('url');
      expect(e).not.toHaveProperty('body');
    }
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain('Dead End Garage');
    expect(text).not.toContain(emsp.url);
    expect(listed.body.total).toBe(3); // F400, F2001 and D1
    // the filter is by platform: the other receiver has no dead letters
    expect((await hub.admin('GET', `/outbox?state=dead&platform=${other.platformId}`)).body.total).toBe(0);

    const platform = await hub.admin('GET', `/platforms/${emsp.platformId}`);
    expect(platform.body.outbox).toMatchObject({ dead: 3, pending: 0, in_flight: 0, oldest_pending_age_seconds: null });
  });

  test('when the operator retries the dead row after the receiver recovered, then it is delivered; retrying it again is 409', async () => {
    const retried = await hub.admin('POST', `/outbox/${deadRow}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: deadRow, state: 'pending' });
    expect((await hub.admin('GET', `/platforms/${emsp.platformId}`)).body.outbox).toMatchObject({
      dead: 2,
      pending: 1,
    });
    await hub.drain();
    const calls = emsp.received('/NL/CPA/D1', 'PUT');
    expect(calls).toHaveLength(4);
    expect(calls.at(-1)?.body).toMatchObject({ id: 'D1', name: 'Dead End Garage' });
    expect((await rowsOf(hub, emsp, 'D1'))[0]).toMatchObject({ id: deadRow, state: 'delivered' });
    const again = await hub.admin('POST', `/outbox/${deadRow}/retry`);
    expect(again.status).toBe(409);
  });

  test('when the operator deletes a dead row, then it is gone; an unknown id is 404', async () => {
    const [dead] = await rowsOf(hub, emsp, 'F400', 'dead');
    expect((await hub.admin('DELETE', `/outbox/${dead!.id}`)).status).toBe(204);
    expect(await rowsOf(hub, emsp, 'F400')).toEqual([]);
    expect((await hub.admin('GET', `/platforms/${emsp.platformId}`)).body.outbox.dead).toBe(1);
    const unknown = new Types.ObjectId().toHexString();
    for (const [method, path] of [
      ['POST', `/outbox/${unknown}/retry`],
      ['DELETE', `/outbox/${unknown}`],
      ['POST', '/outbox/not-an-id/retry'],
    ] as const) {
      const res = await hub.admin(method, path);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatch(/no outbox row/);
    }
  });
});

describe('a maximum age', () => {
  test("when a delivery is older than the platform's max_age_hours for its module, then its next failure makes it dead though attempts are left", async () => {
    const patched = await hub.admin('PATCH', `/platforms/${emsp.platformId}`, {
      delivery: { locations: { max_age_hours: 0.0003 } },
    }); // ~1 s
    expect(patched.status).toBe(200);
    emsp.respond = (rec) => (rec.path.includes('/NL/CPA/A1') ? { status: 503, body: envelope(3000) } : undefined);
    await push('A1');
    await hub.drain();
    expect((await rowsOf(hub, emsp, 'A1'))[0]).toMatchObject({ state: 'pending', attempts: 1 });
    await sleep(1200); // time must pass: the row's age is judged by the real clock when its delivery fails
    await hub.drain(later());
    expect((await rowsOf(hub, emsp, 'A1'))[0]).toMatchObject({ state: 'dead', attempts: 2 });
  });
});

describe('success', () => {
  test('when a receiver answers HTTP 201 with status_code 1000, then the row is delivered at the first attempt', async () => {
    emsp.respond = (rec) => (rec.path.includes('/NL/CPA/OK1') ? { status: 201, body: ok(undefined, 1000) } : undefined);
    await push('OK1');
    await hub.drain();
    expect((await rowsOf(hub, emsp, 'OK1'))[0]).toMatchObject({ state: 'delivered', attempts: 1, last_status: 201 });
  });
});
