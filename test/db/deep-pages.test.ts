// A deep page of a filter its index does not cover (an eMSP's view of locations: published, or its own, or listed
// for its tokens) reads the index in page order. Without the hint, past some 20,000 objects the planner chose a
// blocking sort, which the embedded engine refused ("the slot-based execution engine is not part of this build").
import mongoose from 'mongoose';
import { config } from '../../src/config';
import { ObjectStore } from '../../src/db/objects';

const store = new ObjectStore('deep_things', { publish: Boolean }, [{ publish: 1 }]);
const COUNT = 20_000;

beforeAll(async () => {
  await mongoose.connect(config.mongodbUri ?? '');
  await store.model.syncIndexes();
  const base = Date.UTC(2025, 0, 1);
  for (let from = 0; from < COUNT; from += 2000) {
    const docs = Array.from({ length: 2000 }, (_, j) => ({
      key: `K${from + j}`,
      owner: (from + j) % 2 ? 'NL*CPA' : 'NL*CPB',
      publish: (from + j) % 3 !== 0,
      last_updated: new Date(base + (from + j) * 1000),
      data: '{}',
      rev: 1,
      deleted: false,
    }));
    await store.model.collection.insertMany(docs, { ordered: false });
  }
}, 60_000);
afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

const visible = { $or: [{ publish: true }, { owner: { $in: ['NL*CPA'] } }, { _id: { $in: [] } }] };

test.each([
  ['a reader’s visibility', { $and: [{}, visible] }, 16_666],
  ['one owner', { owner: 'NL*CPB' }, 10_000],
  ['published only', { publish: true }, 13_333],
])('when a page near the end of %s is asked for, then it comes in order', async (_, filter, total) => {
  const page = await store.page(filter, { offset: total - 150, limit: 100 } as never);
  expect(page.total).toBe(total);
  expect(page.items).toHaveLength(100);
  const times = page.items.map((i) => i.last_updated.getTime());
  expect(times).toEqual([...times].sort((a, b) => a - b));
});
