// Bounded input: crafted cursors and numbers, deeply nested bodies and floods of unknown tokens get clear OCPI
// refusals (400/2001, 429 with Retry-After), never a 500 or unbounded work.
import { randomBytes } from 'node:crypto';
import { aLocation } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import { call } from '../harness/http';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';
import { sleep } from '../harness/wait';

const V = '/ocpi/2.2.1';
let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;

/** JSON text nesting `levels` arrays around a value (built as text: the value itself could not be stringified). */
const nested = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }] },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] },
  }));
});
afterAll(() => hub.stop());

describe('cursors and numbers', () => {
  test.each([
    ['a cursor with a huge number', 'cursor=99999999999999999999999.0123456789abcdef01234567'],
    ['a cursor past the last representable instant', 'cursor=8640000000000001.0123456789abcdef01234567'],
    ['a malformed cursor', 'cursor=1.xyz'],
    ['an offset beyond any integer', 'offset=1e400'],
    ['a huge offset', 'offset=100000000000000000000000'],
    ['a negative offset', 'offset=-1'],
    ['a fractional limit', 'limit=1.5'],
    ['an infinite limit', 'limit=Infinity'],
    ['a date far outside any calendar', 'date_from=99999-01-01T00:00:00Z'],
  ])('when GET-All gets %s, then 400/2001', async (_what, query) => {
    const res = await emsp.ocpi('GET', `${V}/locations/sender?${query}`, { to: 'hub' });
    expect([query, res.status, res.body.status_code]).toEqual([query, 400, 2001]);
  });

  test('when a cursor the hub issued is followed, then the page is served (the check does not refuse real cursors)', async () => {
    for (const id of ['L1', 'L2', 'L3'])
      await cpo.ocpi('PUT', `${V}/locations/receiver/NL/CPA/${id}`, {
        to: 'hub',
        body: aLocation({ country_code: 'NL', party_id: 'CPA', id }),
      });
    const pages = await emsp.walk(`${V}/locations/sender?limit=1`);
    expect(pages.map((p) => p.body.status_code)).toEqual([1000, 1000, 1000]);
  });
});

describe('nesting', () => {
  test.each([65, 10_000, 100_000])(
    'when a body nests %i levels deep, then 400/2001 and the hub stays up',
    async (levels) => {
      const res = await cpo.ocpi('PUT', `${V}/locations/receiver/NL/CPA/DEEP`, { rawBody: nested(levels) });
      expect([res.status, res.body.status_code]).toEqual([400, 2001]);
      expect(res.body.status_message).toMatch(/nested deeper than 64 levels/);
      expect((await call('GET', `${hub.url}/healthz`)).status).toBe(200);
    },
  );

  test('when objects and arrays alternate 65 levels deep beside a wide, shallow member, then 400/2001; 64 levels pass', async () => {
    const mixed = (levels: number) =>
      JSON.stringify({
        wide: Array.from({ length: 200 }, (_, i) => ({ i })),
        deep: Array.from({ length: levels - 1 }).reduce<unknown>((inner, _, i) => (i % 2 ? [inner] : { x: inner }), 1),
      });
    const refused = await cpo.ocpi('PUT', `${V}/locations/receiver/NL/CPA/DEEP`, { rawBody: mixed(65) });
    expect([refused.status, refused.body.status_code]).toEqual([400, 2001]);
    expect(refused.body.status_message).toMatch(/nested deeper than 64 levels/);
    const passed = await cpo.ocpi('PUT', `${V}/locations/receiver/NL/CPA/DEEP`, { rawBody: mixed(64) });
    expect(passed.body.status_message).not.toMatch(/nested deeper/);
  });

  test('when a body nests 64 levels, then it passes the depth check (and meets the schema instead)', async () => {
    const res = await cpo.ocpi('PUT', `${V}/locations/receiver/NL/CPA/DEEP`, { rawBody: nested(64) });
    expect(res.body.status_message).not.toMatch(/nested deeper/);
  });

  test('when the operator API gets a deep body, then 400', async () => {
    const res = await call('POST', `${hub.url}/admin/platforms`, {
      bearer: 'test-admin-token-0123456789',
      rawBody: nested(10_000),
    });
    expect(res.status).toBe(400);
  });
});

describe('a flood of unknown tokens from one address', () => {
  test('when one address sends many unknown tokens, then after HUB_AUTH_FAILURES_PER_MINUTE it gets 429 with Retry-After', async () => {
    const second = new Date().getSeconds();
    if (second > 50) await sleep((61 - second) * 1000); // time must pass: the whole probe within one minute's window
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 600; i++) {
      const res = await call('GET', `${hub.url}${V}/locations/sender`, { token: randomBytes(16).toString('hex') });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(100).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  }, 60_000);
});
