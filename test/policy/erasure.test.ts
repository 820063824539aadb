// Data-subject erasure (DELETE /admin/tokens/{cc}/{pid}/{uid}): the token's personal data is gone from every place
// the hub holds it, checked through the API and in a raw read of the database, sealed values opened too.
import mongoose from 'mongoose';
import { unseal } from '../../src/crypto/seal';
import { aCdr, aLocation, aSession, aToken } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';

let hub: Hub;
let cpa: FakeParty;
let ema: FakeParty;
const V = '/ocpi/2.2.1';
const CPA = { country_code: 'NL', party_id: 'CPA' };
const GONE = { uid: 'ERASE-UID-0042', contract_id: 'DE-EMA-CERASE42', visual_number: 'VIS-ERASE-0042' };
const KEPT = { uid: 'KEEP-UID-0001', contract_id: 'DE-EMA-CKEEP01', visual_number: 'VIS-KEEP-0001' };
const ISSUER = 'Maxplug Mobility GmbH'; // aToken's issuer
const cdrTokenOf = (t: typeof GONE) => ({
  country_code: 'DE',
  party_id: 'EMA',
  uid: t.uid,
  type: 'RFID' as const,
  contract_id: t.contract_id,
});
const SEALED = /v1\.[\w-]+\.[\w-]+\.[\w-]*\.[\w-]+/g;

/**
 * Every document of every collection, as JSON text: raw, or with each sealed value opened (what a key holder could
 * read).
 */
async function dump(open: boolean): Promise<{ names: string[]; text: string }> {
  const db = mongoose.connection.db!;
  const names = (await db.listCollections().toArray()).map((c) => c.name);
  let text = '';
  for (const name of names) {
    for (const doc of await db.collection(name).find().toArray()) {
      const raw = JSON.stringify(doc);
      text += raw;
      if (open) for (const sealed of raw.match(SEALED) ?? []) text += unsealed(sealed);
    }
  }
  return { names, text: text.toLowerCase() };
}
const unsealed = (s: string) => {
  try {
    return unseal(s);
  } catch {
    return ''; // a string of the same shape that is not ours
  }
};
const mentions = (text: string, t: typeof GONE) =>
  [t.uid, t.contract_id, t.visual_number].filter((v) => text.includes(v.toLowerCase()));

beforeAll(async () => {
  ({
    hub,
    cpo: cpa,
    emsp: ema,
  } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', ...CPA }] },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] },
  }));
  for (const t of [GONE, KEPT]) {
    const res = await ema.ocpi('PUT', `${V}/tokens/receiver/DE/EMA/${t.uid}?type=RFID`, {
      to: 'hub',
      body: aToken({ country_code: 'DE', party_id: 'EMA', type: 'RFID', ...t }),
    });
    expect(res.status).toBe(201);
  }
  const session = (id: string, t: typeof GONE) =>
    aSession({ ...CPA, id, cdr_token: cdrTokenOf(t), authorization_reference: `AUTH-${id}` });
  expect(
    (await cpa.ocpi('PUT', `${V}/sessions/receiver/NL/CPA/S-GONE`, { to: 'hub', body: session('S-GONE', GONE) }))
      .status,
  ).toBe(201);
  expect(
    (await cpa.ocpi('PUT', `${V}/sessions/receiver/NL/CPA/S-KEPT`, { to: 'hub', body: session('S-KEPT', KEPT) }))
      .status,
  ).toBe(201);
  // an unpublished location naming both drivers' tokens (by uid, and GONE's by visual_number and issuer too)
  const publish_allowed_to = [
    { uid: GONE.uid, type: 'RFID' as const },
    { visual_number: GONE.visual_number, issuer: ISSUER },
    { uid: KEPT.uid, type: 'RFID' as const },
    { group_id: 'FLEET-7' },
  ];
  expect(
    (
      await cpa.ocpi('PUT', `${V}/locations/receiver/NL/CPA/LOC-PRIV`, {
        to: 'hub',
        body: aLocation({ ...CPA, id: 'LOC-PRIV', publish: false, publish_allowed_to }),
      })
    ).status,
  ).toBe(201);
  await hub.drain(); // tokens, sessions and the location delivered: their outbox rows are 'delivered'
  expect(
    (
      await cpa.ocpi('POST', `${V}/cdrs/receiver`, {
        to: 'hub',
        body: aCdr({ ...CPA, id: 'CDR-GONE', cdr_token: cdrTokenOf(GONE) }),
      })
    ).status,
  ).toBe(201);
  // the CDR's outbox row stays 'pending'
});
afterAll(() => hub.stop());

describe('before the erasure', () => {
  test("when the database is read raw, then the token's data is sealed; opened, it is there (so the checks below can see it)", async () => {
    expect(mentions((await dump(false)).text, GONE)).toEqual([]);
    expect(mentions((await dump(true)).text, GONE)).toEqual([GONE.uid, GONE.contract_id, GONE.visual_number]);
  });
});

describe('erasing a token', () => {
  test('when the operator erases it, then 200 with how many tokens, sessions, CDRs, locations and outbox rows were erased', async () => {
    const res = await hub.admin('DELETE', `/tokens/DE/EMA/${GONE.uid}`);
    expect(res.status).toBe(200);
    // the token, its session, CDR and the location naming it; outbox: the token's delivery to the CPO, the session's,
    // the pending CDR's and the location's copy to the eMSP
    expect(res.body).toEqual({ erased: { tokens: 1, sessions: 1, cdrs: 1, locations: 1, outbox_rows: 4 } });
  });

  test('when the CPO reads its location, then publish_allowed_to no longer names the erased token; the others stay', async () => {
    const location = (await cpa.ocpi('GET', `${V}/locations/receiver/NL/CPA/LOC-PRIV`)).body.data;
    expect(location.publish_allowed_to).toEqual([{ uid: KEPT.uid, type: 'RFID' }, { group_id: 'FLEET-7' }]);
  });

  test('when the parties GET all tokens, then the erased one is gone and the other is still there', async () => {
    for (const p of [cpa, ema]) {
      const res = await p.ocpi('GET', `${V}/tokens/sender`, { to: 'hub' });
      expect(res.body.data.map((t: { uid: string }) => t.uid)).toEqual([KEPT.uid]);
      expect(res.headers.get('x-total-count')).toBe('1');
    }
    expect((await ema.ocpi('GET', `${V}/tokens/receiver/DE/EMA/${GONE.uid}?type=RFID`)).status).toBe(404);
  });

  test("when the hub's session and CDR copies are read, then their cdr_token says ERASED; the other session is untouched", async () => {
    const session = (await cpa.ocpi('GET', `${V}/sessions/receiver/NL/CPA/S-GONE`)).body.data;
    expect(session.cdr_token).toMatchObject({
      country_code: 'DE',
      party_id: 'EMA',
      uid: 'ERASED',
      contract_id: 'ERASED',
    });
    expect(session.authorization_reference).toBe('ERASED');
    const cdr = (await ema.ocpi('GET', `${V}/cdrs/receiver/NL/CPA/CDR-GONE`)).body.data;
    expect(cdr.cdr_token).toMatchObject({ uid: 'ERASED', contract_id: 'ERASED' });
    const listed = (await ema.ocpi('GET', `${V}/sessions/sender`, { to: 'hub' })).body.data as {
      id: string;
      cdr_token: { uid: string };
    }[];
    expect(Object.fromEntries(listed.map((s) => [s.id, s.cdr_token.uid]))).toEqual({
      'S-GONE': 'ERASED',
      'S-KEPT': KEPT.uid,
    });
  });

  test('when the database is read raw, sealed values opened, then no collection holds the uid, contract_id or visual_number', async () => {
    const { names, text } = await dump(true);
    expect(names).toEqual(expect.arrayContaining(['tokens', 'sessions', 'cdrs', 'locations', 'outbox']));
    expect(mentions(text, GONE)).toEqual([]);
    expect(mentions(text, KEPT)).toEqual([KEPT.uid, KEPT.contract_id, KEPT.visual_number]); // the check is not blind
  });

  test('when the outbox runs afterwards, then nothing about the erased token is sent', async () => {
    ema.calls = [];
    cpa.calls = [];
    await hub.drain();
    const sent = JSON.stringify([...ema.calls, ...cpa.calls].map((c) => [c.path, c.body])).toLowerCase();
    expect(mentions(sent, GONE)).toEqual([]);
  });
});
