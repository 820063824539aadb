// Two writes of one object racing each other (two requests, or two replicas): whatever order their outbox rows are
// written and sent in, a receiver never ends with the older revision.
import mongoose from 'mongoose';
import { startWorker, stopWorker } from '../../src/outbox/worker';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';
import { until } from '../harness/wait';
import { putLocation, rowsOf } from './outbox';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const outbox = () => mongoose.connection.db!.collection('outbox');
const base = '/ocpi/2.2.1/locations/receiver/NL/CPA';
const put = (id: string, name: string) => putLocation(cpo, 'CPA', id, name);
const namesAt = (party: FakeParty, id: string) =>
  party.received(`/NL/CPA/${id}`, 'PUT').map((c) => (c.body as { name: string }).name);

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }], modules: sends('locations') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('locations') },
  }));
});
afterAll(() => hub.stop());

test("when the newer revision's row is written and delivered before the older one's, then the older one is superseded, never sent", async () => {
  await put('W1', 'v1');
  await hub.drain();
  await put('W1', 'v2');
  // revision 2's row is held back, as a request (or replica) still writing it would: taken out, put back later
  const late = await outbox().findOneAndDelete({ object_key: { $regex: /\*W1$/ }, state: 'pending' });
  expect(late).not.toBeNull();
  await put('W1', 'v3');
  await hub.drain();
  expect(namesAt(emsp, 'W1')).toEqual(['v1', 'v3']);
  await outbox().insertOne(late!);
  await hub.drain();
  expect(namesAt(emsp, 'W1')).toEqual(['v1', 'v3']);
  expect((await rowsOf(hub, emsp, 'W1')).map((r) => r.state).sort()).toEqual(['delivered', 'delivered', 'superseded']);
});

test('when pairs of PUTs of one location race each other with the worker running, then the receiver ends with the revision the hub stored', async () => {
  startWorker();
  try {
    for (let round = 0; round < 8; round++) {
      await Promise.all(['a', 'b'].map((side) => put('W2', `r${round}${side}`)));
      const stored = (await cpo.ocpi('GET', `${base}/W2`)).body.data.name as string;
      await until(
        async () => (await outbox().countDocuments({ object_key: { $regex: /\*W2$/ }, state: 'pending' })) === 0,
        10_000,
      );
      expect(namesAt(emsp, 'W2').at(-1)).toBe(stored);
    }
  } finally {
    await stopWorker();
  }
}, 60_000);
