// Broadcast at scale: 1,000 locations pushed concurrently reach every eMSP and the NSP, and GET-All walks to all of
// them.
import { aLocation } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';

const COUNT = 1000;
const BATCH = 25;
let hub: Hub;
let cpo: FakeParty;
let emsps: FakeParty[];
let nsp: FakeParty;
const base = '/ocpi/2.2.1/locations';
const ids = Array.from({ length: COUNT }, (_, i) => `BULK-${String(i).padStart(4, '0')}`);

/** The distinct location ids a party received as PUTs on its locations Receiver. */
const receivedIds = (party: FakeParty) =>
  new Set(party.received('/ocpi/2.2.1/locations/receiver/NL/CPA/', 'PUT').map((c) => (c.body as { id: string }).id));

beforeAll(async () => {
  const pair = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }], modules: sends('locations') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('locations') },
    more: {
      emb: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: receives('locations') },
      nsa: { roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSA' }], modules: receives('locations') },
    },
  });
  ({ hub, cpo } = pair);
  emsps = [pair.emsp, pair.more.emb];
  nsp = pair.more.nsa;
});
afterAll(() => hub.stop());

test('when a CPO pushes 1,000 locations concurrently, then each eMSP and the NSP end with all of them, and GET-All walks to 1,000 by Link', async () => {
  for (let start = 0; start < COUNT; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const answers = await Promise.all(
      batch.map((id) =>
        cpo.ocpi('PUT', `${base}/receiver/NL/CPA/${id}`, {
          to: 'hub',
          body: aLocation({ country_code: 'NL', party_id: 'CPA', id }),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(batch.map(() => 201));
  }

  await hub.drain();

  for (const party of [...emsps, nsp]) {
    const got = receivedIds(party);
    expect(got.size).toBe(COUNT);
    expect([...got].sort()).toEqual(ids);
    expect(party.received('/locations', 'PUT').every((c) => c.headers['ocpi-from-party-id'] === 'HUB')).toBe(true);
  }
  expect(cpo.received('/locations')).toHaveLength(0);

  const seen: string[] = [];
  let url: string | undefined = `${base}/sender`;
  let pages = 0;
  while (url) {
    const res = await emsps[0]!.ocpi('GET', url, { to: 'hub' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe(String(COUNT));
    seen.push(...res.body.data.map((l: { id: string }) => l.id));
    url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    pages++;
  }
  expect(pages).toBe(COUNT / 100);
  expect(seen).toHaveLength(COUNT);
  expect(new Set(seen).size).toBe(COUNT);
}, 120_000); // about 20 s alone; room for a loaded 2-core CI machine
