// The hand-over (src/outbox/handover.ts): with the worker running, rows are inserted claimed by their replica and
// sent from memory, unless their (receiver, object) queue says to wait: another replica's row of the object in
// flight, or a newer revision delivered already. Then the claim decides, exactly as without the hand-over.
import mongoose from 'mongoose';
import { startWorker, stopWorker } from '../../src/outbox/worker';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';
import { sleep, until } from '../harness/wait';
import { putLocation, rowsOf } from './outbox';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const outbox = () => mongoose.connection.db!.collection('outbox');
const put = (id: string, name: string) => putLocation(cpo, 'CPH', id, name);
const namesAt = (id: string) => emsp.received(`/NL/CPH/${id}`, 'PUT').map((c) => (c.body as { name: string }).name);
const ofObject = (id: string) => ({ object_key: { $regex: new RegExp(`\\*${id}$`) } });

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPH' }], modules: sends('locations') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('locations') },
  }));
});
afterAll(() => hub.stop());

describe('with the worker running', () => {
  beforeAll(() => startWorker());
  afterAll(() => stopWorker());

  test('when a CPO pushes a new location, then it reaches the eMSP and its row ends delivered at the first attempt', async () => {
    await put('H1', 'first');
    await until(async () => namesAt('H1').length > 0, 5000);
    expect(namesAt('H1')).toEqual(['first']);
    await until(async () => (await rowsOf(hub, emsp, 'H1', 'delivered')).length === 1, 5000);
    expect(await rowsOf(hub, emsp, 'H1')).toMatchObject([{ state: 'delivered', attempts: 1 }]);
  });

  test("when another replica's row of the same location is in flight, then the new row waits for it (FIFO) and goes after it", async () => {
    await stopWorker(); // the older revision's row, left pending, then taken by "another replica"
    await put('H2', 'older');
    const other = await outbox().findOneAndUpdate(
      { ...ofObject('H2'), state: 'pending' },
      { $set: { claimed_by: 'another-replica', next_at: new Date(Date.now() + 60_000) } },
    );
    expect(other).not.toBeNull();
    startWorker();
    await put('H2', 'newer');
    await sleep(600); // a hand-over would have sent it by now
    expect(namesAt('H2')).toEqual([]);
    const held = await outbox().findOne({
      ...ofObject('H2'),
      state: 'pending',
      claimed_by: { $ne: 'another-replica' },
    });
    expect(held?.claimed_by).toBeUndefined(); // released to the claim, not kept claimed by this replica
    // the other replica delivers the older revision and acknowledges it; the claim then sends the newer one
    await outbox().updateOne(
      { _id: other!._id },
      { $set: { state: 'delivered', delivered_at: new Date() }, $unset: { claimed_by: 1 } },
    );
    await until(async () => namesAt('H2').length > 0, 5000);
    expect(namesAt('H2')).toEqual(['newer']);
  });

  test('when a newer revision of the location was delivered already, then an older row arriving late is superseded, never sent', async () => {
    await put('H3', 'v1');
    await until(async () => namesAt('H3').length === 1, 5000);
    // another replica's newer revision, delivered before this replica's older row is written
    const delivered = await until(() => outbox().findOne({ ...ofObject('H3'), state: 'delivered' }), 5000);
    expect(delivered).not.toBeNull();
    await outbox().updateOne({ _id: delivered!._id }, { $set: { seq: 1000 } });
    await put('H3', 'v2'); // revision 2 < 1000
    await until(async () => (await rowsOf(hub, emsp, 'H3', 'superseded')).length === 1, 5000);
    expect(namesAt('H3')).toEqual(['v1']);
  });
});
