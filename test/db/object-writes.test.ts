// Grouped object PUTs: concurrent PUTs of one object, from one process or two (two writers over one collection, as
// two hub replicas), each get their own revision, the first one alone is "created", and the stored object is the
// one with the highest revision — the order the outbox delivers in.
import mongoose from 'mongoose';
import { config } from '../../src/config';
import { ObjectStore } from '../../src/db/objects';
import { groupedPuts } from '../../src/db/object-writes';
import { countWrites } from '../delivery/db-writes';

const store = new ObjectStore('grouped_things');
const collection = () => store.model.collection as unknown as mongoose.mongo.Collection;

beforeAll(async () => {
  await mongoose.connect(config.mongodbUri ?? '', { writeConcern: { w: 'majority', journal: true } });
  await store.model.syncIndexes();
});
afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

const fields = (n: number) => ({ owner: 'NL*VLT', last_updated: new Date(Date.UTC(2026, 0, 1, 0, 0, n)) });

test('60 concurrent PUTs of one object from two writers get the revisions 1 to 60 once each; the object kept is revision 60', async () => {
  const other = groupedPuts(collection); // a second replica's writer
  const results = await Promise.all(
    Array.from({ length: 60 }, (_, n) =>
      n % 2 === 0 ? store.put('K1', { n }, fields(n)) : other('K1', { ...fields(n), data: JSON.stringify({ n }) }),
    ),
  );
  expect(results.map((r) => r.rev).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  expect(results.filter((r) => r.created)).toHaveLength(1);
  expect(results.find((r) => r.created)?.rev).toBe(1);
  const stored = await store.get({ key: 'K1' });
  const last = results.findIndex((r) => r.rev === 60);
  expect(stored?.rev).toBe(60);
  expect(JSON.parse(String(stored?.data))).toEqual({ n: last });
  expect(stored).not.toHaveProperty('writes'); // the store's bookkeeping is not read back with the object
});

test('a PUT after a DELETE is created again and continues the revisions; values that look like operators are stored as given', async () => {
  await store.put('K2', { a: 1 }, fields(1));
  expect(await store.remove('K2')).toBe(2);
  const again = await store.put('K2', { a: '$a' }, { ...fields(2), note: '$rev', nested: { $gt: 1 } });
  expect(again).toEqual({ created: true, rev: 3 });
  const stored = await store.get({ key: 'K2' });
  expect(stored).toMatchObject({ note: '$rev', nested: { $gt: 1 }, deleted: false });
  expect(JSON.parse(String(stored?.data))).toEqual({ a: '$a' });
});

test('PATCHes between PUTs count in the revisions the PUTs read back', async () => {
  expect(await store.put('K3', { a: 1 }, fields(1))).toEqual({ created: true, rev: 1 });
  const patched = await store.update('K3', (o) => ({ object: { ...o, b: 2 }, fields: fields(2) }));
  expect(patched?.rev).toBe(2);
  const [third, fourth] = await Promise.all([
    store.put('K3', { a: 3 }, fields(3)),
    store.put('K3', { a: 4 }, fields(4)),
  ]);
  expect([third, fourth]).toEqual([
    { created: false, rev: 3 },
    { created: false, rev: 4 },
  ]);
});

test('PUTs that arrive together share bulk writes: 100 PUTs of distinct objects take far fewer than 100 writes', async () => {
  const counting = countWrites();
  let writes: string[];
  try {
    await Promise.all(Array.from({ length: 100 }, (_, n) => store.put(`M${n}`, { n }, fields(n))));
  } finally {
    writes = counting.stop().filter((w) => w.startsWith('grouped_things.'));
  }
  expect(writes.length).toBeLessThan(10);
  expect(await store.model.countDocuments({ key: /^M/ })).toBe(100);
});

test('a PUT that creates its object is not read back (its revision is 1); a PUT that replaces one is', async () => {
  const proto = mongoose.mongo.Collection.prototype;
  const reads = jest.spyOn(proto, 'find');
  const ofThings = () =>
    reads.mock.contexts.filter((c) => (c as { collectionName: string }).collectionName === 'grouped_things').length;
  try {
    const created = await Promise.all(Array.from({ length: 20 }, (_, n) => store.put(`N${n}`, { n }, fields(n))));
    expect(created.every((r) => r.created && r.rev === 1)).toBe(true);
    expect(ofThings()).toBe(0);
    const replaced = await Promise.all(Array.from({ length: 20 }, (_, n) => store.put(`N${n}`, { n }, fields(n))));
    expect(replaced.every((r) => !r.created && r.rev === 2)).toBe(true);
    expect(ofThings()).toBeGreaterThan(0);
  } finally {
    reads.mockRestore();
  }
});
