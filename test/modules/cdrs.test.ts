// CDRs through the hub: POST stored with a Location to the hub's copy, sent to the owner eMSP only, retries, GET-All
// visibility.
import { aCdr, aCdrToken, without } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';

let hub: Hub;
let cpo: FakeParty;
let otherCpo: FakeParty;
let emsp: FakeParty;
let otherEmsp: FakeParty;
let nsp: FakeParty;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const base = '/ocpi/2.2.1/cdrs';
const EMA = aCdrToken({ country_code: 'DE', party_id: 'EMA' });
const EMB = aCdrToken({ country_code: 'DE', party_id: 'EMB', uid: 'EMB-0001', contract_id: 'DE-EMB-C0001' });
const cdr = (id: string, extra: Record<string, unknown> = {}) =>
  aCdr({ country_code: 'NL', party_id: 'CPA', id, cdr_token: EMA, ...extra });
/** The CDRs a party received on its cdrs Receiver endpoint (POST {url}), by CDR id. */
const posted = (party: FakeParty, id: string) =>
  party
    .received('/ocpi/2.2.1/cdrs/receiver', 'POST')
    .filter((c) => c.path === '/ocpi/2.2.1/cdrs/receiver/' && (c.body as { id?: string }).id === id);

const ids = (res: { body: { data?: { id: string }[] } }) => (res.body.data ?? []).map((c) => c.id);

beforeAll(async () => {
  ({
    hub,
    cpo,
    emsp,
    more: { otherCpo, otherEmsp, nsp },
  } = await startWithPair({
    cpo: { roles: [CPO], modules: sends('cdrs') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('cdrs') },
    more: {
      otherCpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPB' }], modules: sends('cdrs') },
      otherEmsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: receives('cdrs') },
      // The NSP lists a cdrs Receiver on purpose: the hub must still never send it a CDR.
      nsp: { roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSA' }], modules: receives('cdrs') },
    },
  }));
});
afterAll(() => hub.stop());

describe('CDRs posted to the hub', () => {
  test("when a CPO POSTs a CDR, then 201 with a Location header to the hub's copy, which the owner CPO and eMSP can GET and another eMSP cannot", async () => {
    const res = await cpo.ocpi('POST', `${base}/receiver`, { to: 'hub', body: cdr('CDR1') });
    expect(res.status).toBe(201);
    expect(res.body.status_code).toBe(1000);
    const location = res.headers.get('location');
    expect(location).toBe(`${hub.url}${base}/receiver/NL/CPA/CDR1`);
    for (const owner of [cpo, emsp]) {
      const copy = await owner.ocpi('GET', location ?? '', { to: 'hub' });
      expect(copy.status).toBe(200);
      expect(copy.body.status_code).toBe(1000);
      expect(copy.body.data).toEqual(cdr('CDR1'));
    }
    const stranger = await otherEmsp.ocpi('GET', location ?? '', { to: 'hub' });
    expect(stranger.status).toBe(404);
    expect(stranger.body.data).toBeUndefined();
    const otherOwner = await otherCpo.ocpi('GET', location ?? '', { to: 'hub' });
    expect(otherOwner.body.data).toBeUndefined();
  });

  test('when a CPO POSTs a CDR, then only the owner eMSP named in cdr_token receives it, POSTed to its cdrs Receiver from the hub', async () => {
    await cpo.ocpi('POST', `${base}/receiver`, {
      to: 'hub',
      body: cdr('CDR2'),
      headers: { 'X-Correlation-ID': 'corr-cdr2' },
    });
    await hub.drain();
    const got = posted(emsp, 'CDR2');
    expect(got).toHaveLength(1);
    expect(got[0]?.body).toEqual(cdr('CDR2'));
    expect(got[0]?.headers).toMatchObject({
      'ocpi-from-country-code': 'NL',
      'ocpi-from-party-id': 'HUB',
      'ocpi-to-country-code': 'DE',
      'ocpi-to-party-id': 'EMA',
      'x-correlation-id': 'corr-cdr2',
    });
    for (const party of [otherEmsp, nsp, otherCpo, cpo]) expect(party.received('/cdrs')).toHaveLength(0);
  });

  test('when the same CDR is POSTed again (a retry), then 200 with the same Location and it is not forwarded twice', async () => {
    const first = await cpo.ocpi('POST', `${base}/receiver`, { to: 'hub', body: cdr('CDR3') });
    expect(first.status).toBe(201);
    await hub.drain();
    const retry = await cpo.ocpi('POST', `${base}/receiver`, { to: 'hub', body: cdr('CDR3') });
    expect(retry.status).toBe(200);
    expect(retry.body.status_code).toBe(1000);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    await hub.drain();
    expect(posted(emsp, 'CDR3')).toHaveLength(1);
  });

  test('when a different CDR is POSTed with an id already stored, then 400/2001, the copy is unchanged and nothing more is forwarded', async () => {
    await cpo.ocpi('POST', `${base}/receiver`, { to: 'hub', body: cdr('CDR4') });
    const changed = await cpo.ocpi('POST', `${base}/receiver`, {
      to: 'hub',
      body: cdr('CDR4', { total_cost: { excl_vat: 1, incl_vat: 1.21 } }),
    });
    expect(changed.status).toBe(400);
    expect(changed.body.status_code).toBe(2001);
    expect(changed.body.status_message).toMatch(/CDR4/);
    const copy = await cpo.ocpi('GET', `${base}/receiver/NL/CPA/CDR4`, { to: 'hub' });
    expect(copy.body.data.total_cost).toEqual({ excl_vat: 5.54, incl_vat: 6.7 });
    await hub.drain();
    expect(posted(emsp, 'CDR4')).toHaveLength(1);
  });

  test('when a required field is missing, then 400/2001 naming it and nothing is stored', async () => {
    const res = await cpo.ocpi('POST', `${base}/receiver`, { to: 'hub', body: without(cdr('CDR5'), 'total_cost') });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/body\.total_cost/);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/CDR5`, { to: 'hub' })).status).toBe(404);
  });

  test('when a credit CDR has no credit_reference_id, then 400/2001 naming it', async () => {
    const res = await cpo.ocpi('POST', `${base}/receiver`, { to: 'hub', body: cdr('CDR6', { credit: true }) });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/body\.credit_reference_id/);
  });

  test('when a party POSTs a CDR in another namespace or as the wrong role, then 403/2000, nothing is stored or forwarded', async () => {
    const spoof = await otherCpo.ocpi('POST', `${base}/receiver`, { to: 'hub', body: cdr('CDR7') });
    expect(spoof.status).toBe(403);
    expect(spoof.body.status_code).toBe(2000);
    expect(spoof.body.status_message).toMatch(/NL\*CPA is not a CPO namespace/);
    expect((await otherCpo.ocpi('POST', `${base}/receiver`, { to: 'hub', from: CPO, body: cdr('CDR7') })).status).toBe(
      403,
    );
    const asEmsp = await emsp.ocpi('POST', `${base}/receiver`, {
      to: 'hub',
      body: cdr('CDR7', { country_code: 'DE', party_id: 'EMA' }),
    });
    expect(asEmsp.status).toBe(403);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/CDR7`, { to: 'hub' })).status).toBe(404);
    await hub.drain();
    expect(posted(emsp, 'CDR7')).toHaveLength(0);
  });

  test('when the body is not valid JSON, then 400/2000', async () => {
    const res = await cpo.ocpi('POST', `${base}/receiver`, { to: 'hub', rawBody: '{"id": "CDR8"' });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2000);
  });

  test("when a CDR carries unknown fields, also nested, then the hub's copy and what the eMSP receives keep them", async () => {
    const plain = cdr('CDR9');
    const body = {
      ...plain,
      x_top: [1, 2],
      cdr_location: { ...plain.cdr_location, x_bay: 'B7' },
      cdr_token: { ...EMA, x_token_note: 'kept' },
    };
    const res = await cpo.ocpi('POST', `${base}/receiver`, { to: 'hub', body });
    expect(res.status).toBe(201);
    expect((await emsp.ocpi('GET', res.headers.get('location') ?? '', { to: 'hub' })).body.data).toEqual(body);
    await hub.drain();
    expect(posted(emsp, 'CDR9')[0]?.body).toEqual(body);
  });
  test('when a CDR is POSTed with no OCPI-to headers (open routing), then it is stored and reaches the owner eMSP as if sent to the hub', async () => {
    const res = await cpo.ocpi('POST', `${base}/receiver`, { body: cdr('CDR10') });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${hub.url}${base}/receiver/NL/CPA/CDR10`);
    await hub.drain();
    expect(posted(emsp, 'CDR10')).toHaveLength(1);
    expect(posted(otherEmsp, 'CDR10')).toHaveLength(0);
  });

  test('when the body is larger than the hub accepts, then 413/2000', async () => {
    const res = await cpo.ocpi('POST', `${base}/receiver`, {
      to: 'hub',
      body: cdr('CDR11', { remark: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.status_code).toBe(2000);
  });
});

describe('CDRs GET-All from the hub', () => {
  // In March 2024, apart from every other test's CDRs: five for EMA, one for EMB, one of another CPO for EMA.
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      await cpo.ocpi('POST', `${base}/receiver`, {
        to: 'hub',
        body: cdr(`G${i}`, { last_updated: `2024-03-0${i + 1}T00:00:00Z` }),
      });
    }
    await cpo.ocpi('POST', `${base}/receiver`, {
      to: 'hub',
      body: cdr('H0', { cdr_token: EMB, last_updated: '2024-03-10T00:00:00Z' }),
    });
    await otherCpo.ocpi('POST', `${base}/receiver`, {
      to: 'hub',
      body: aCdr({
        country_code: 'NL',
        party_id: 'CPB',
        id: 'OB1',
        cdr_token: EMA,
        last_updated: '2024-03-11T00:00:00Z',
      }),
    });
  });
  const march = 'date_from=2024-03-01T00:00:00Z&date_to=2024-04-01T00:00:00Z';

  test('when the owner eMSP walks the pages by Link with date filters, then it gets only its CDRs, oldest first, with the headers', async () => {
    const pages = await emsp.walk(`${base}/sender?limit=2&date_from=2024-03-02T00:00:00Z&date_to=2024-04-01T00:00:00Z`);
    expect(pages).toHaveLength(3);
    for (const [i, page] of pages.entries()) {
      expect(page.status).toBe(200);
      expect(page.headers.get('x-total-count')).toBe('5');
      expect(page.headers.get('x-limit')).toBe('100');
      if (i < pages.length - 1) expect(page.headers.get('link')).toContain('date_to=2024-04-01T00%3A00%3A00Z');
      else expect(page.headers.get('link')).toBeNull();
    }
    expect(pages.flatMap(ids)).toEqual(['G1', 'G2', 'G3', 'G4', 'OB1']);
  });

  test('when another eMSP GETs all, then it sees only the CDR naming it', async () => {
    const res = await otherEmsp.ocpi('GET', `${base}/sender?${march}`, { to: 'hub' });
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(['H0']);
    expect(res.headers.get('x-total-count')).toBe('1');
  });

  test("when the owning CPO GETs all, then it sees only its own CDRs, not another CPO's", async () => {
    const res = await cpo.ocpi('GET', `${base}/sender?${march}`, { to: 'hub' });
    expect(res.status).toBe(200);
    expect(res.body.status_code).toBe(1000);
    expect(ids(res)).toEqual(['G0', 'G1', 'G2', 'G3', 'G4', 'H0']);
    expect(res.headers.get('x-total-count')).toBe('6');
  });

  test('when an NSP GETs all CDRs, then 403/2000', async () => {
    const res = await nsp.ocpi('GET', `${base}/sender?${march}`, { to: 'hub' });
    expect(res.status).toBe(403);
    expect(res.body.status_code).toBe(2000);
    expect(res.body.data).toBeUndefined();
  });
});
