// The audit chain against a database writer: rewriting an entry and recomputing the unkeyed chain, forging a head,
// or cutting off the tail together with its head is detected; a head merely behind its chain is only a warning.
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { createAuditWriter, flushAudit, recordAudit, type AuditWriter } from '../../src/audit/log';
import { CHAINED_KEYS } from '../../src/audit/model';
import { verifyAudit } from '../../src/audit/verify';
import { log } from '../../src/log';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
const entries = () => mongoose.connection.collection('audit');
const heads = () => mongoose.connection.collection('audit_heads');

/** What an attacker with write access but without HUB_MASTER_KEY can compute: the chain hash without the key. */
const unkeyed = (e: Record<string, unknown>) =>
  createHash('sha256')
    .update(
      `{${CHAINED_KEYS.filter((k) => e[k] !== undefined)
        .map((k) => `"${k}":${e[k] instanceof Date ? `"${(e[k] as Date).toISOString()}"` : JSON.stringify(e[k])}`)
        .join(',')}}`,
    )
    .digest('hex');

async function writerWith(n: number): Promise<AuditWriter> {
  const w = createAuditWriter();
  for (let i = 1; i <= n; i++)
    w.record({
      action: 'relay',
      from: 'NL*CPA',
      to: 'DE*EMA',
      module: 'sessions',
      object_id: `S${i}`,
      outcome: 'HTTP 200 1000',
    });
  await w.flush();
  return w;
}

beforeAll(async () => {
  hub = await startHub();
});
beforeEach(async () => {
  await entries().deleteMany({});
  await heads().deleteMany({});
});
afterAll(() => hub.stop());

test('when an entry is rewritten and the chain after it recomputed without the key (head too), then verification fails at that entry', async () => {
  const w = await writerWith(5);
  let prev = ((await entries().findOne({ writer: w.id, seq: 2 })) as Record<string, unknown>).hash as string;
  for (let seq = 3; seq <= 5; seq++) {
    const doc = (await entries().findOne({ writer: w.id, seq })) as Record<string, unknown>;
    const forged = { ...doc, prev, ...(seq === 3 ? { outcome: 'HTTP 403 2000' } : {}) };
    prev = unkeyed(forged);
    await entries().updateOne(
      { _id: doc._id as never },
      { $set: { outcome: forged.outcome, prev: forged.prev, hash: prev } },
    );
  }
  await heads().updateOne({ _id: w.id as never }, { $set: { hash: prev } });
  const result = await verifyAudit();
  expect(result.ok).toBe(false);
  expect(result.problems).toEqual(
    expect.arrayContaining([{ writer: w.id, seq: 3, problem: expect.stringMatching(/^changed/) }]),
  );
  expect(result.problems).toEqual(
    expect.arrayContaining([{ writer: w.id, seq: 5, problem: expect.stringMatching(/^forged: the head/) }]),
  );
});

test('when the head is set to a seq the writer never stored, then it is reported forged', async () => {
  const w = await writerWith(3);
  await heads().updateOne({ _id: w.id as never }, { $set: { seq: 9 } });
  expect((await verifyAudit()).problems).toEqual([{ writer: w.id, seq: 9, problem: expect.stringMatching(/^forged/) }]);
});

test('when the head is behind its chain (a crash between a batch and its head update), then it is a warning, not a failure', async () => {
  const w = await writerWith(3);
  const early = await heads().findOne({ _id: w.id as never });
  for (let i = 4; i <= 6; i++) w.record({ action: 'relay', object_id: `S${i}`, outcome: 'ok' });
  await w.flush();
  await heads().replaceOne({ _id: w.id as never }, early as never);
  const result = await verifyAudit();
  expect(result).toMatchObject({
    ok: true,
    problems: [],
    warnings: [{ writer: w.id, seq: 3, problem: expect.stringMatching(/behind its chain/) }],
  });
});

test("when the tail is cut off and the head set back to an earlier genuine one, then the running hub's own writer detects it", async () => {
  for (let i = 0; i < 3; i++) recordAudit({ action: 'relay', object_id: `H${i}`, outcome: 'ok' });
  await flushAudit();
  const writer = String((await entries().findOne({ action: 'relay', object_id: 'H0' }))?.writer);
  const early = await heads().findOne({ _id: writer as never });
  for (let i = 3; i < 6; i++) recordAudit({ action: 'relay', object_id: `H${i}`, outcome: 'ok' });
  await flushAudit();
  await entries().deleteMany({ writer, seq: { $gt: early?.seq } });
  await heads().replaceOne({ _id: writer as never }, early as never);
  expect((await verifyAudit()).ok).toBe(true); // from the database alone, this truncation cannot be seen
  const res = await hub.admin('GET', '/audit/verify');
  expect(res.body.ok).toBe(false);
  expect(res.body.problems).toEqual([
    {
      writer,
      seq: expect.any(Number),
      problem: expect.stringMatching(/^deleted: an entry a checkpoint names is missing/),
    },
  ]);
});

test("when the tail of an earlier writer is cut off with its head, then the checkpoint from the hub's log reveals it", async () => {
  const lines: unknown[] = [];
  const spy = jest
    .spyOn(log, 'info')
    .mockImplementation(((message: string, meta: unknown) => lines.push({ message, meta })) as never);
  const w = await writerWith(6);
  spy.mockRestore();
  const checkpoint = (
    lines.find((l) => (l as { message: string }).message === 'audit checkpoint') as {
      meta: { audit_checkpoint: unknown };
    }
  ).meta.audit_checkpoint;
  expect(checkpoint).toEqual({ writer: w.id, seq: 6, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  await entries().deleteMany({ writer: w.id });
  await heads().deleteOne({ _id: w.id as never }); // the whole writer gone: nothing in the database remembers it
  expect((await verifyAudit()).ok).toBe(true);
  const res = await hub.admin('POST', '/audit/verify', { checkpoints: [checkpoint] });
  expect(res.status).toBe(200);
  expect(res.body.ok).toBe(false);
  expect(res.body.problems).toEqual(
    expect.arrayContaining([{ writer: w.id, seq: 6, problem: expect.stringMatching(/^deleted/) }]),
  );
});
