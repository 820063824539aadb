// The audit chain: verification finds changed, deleted and reordered entries; writers chain apart; failed flushes
// retry.
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import express, { Router } from 'express';
import mongoose from 'mongoose';
import { renderAdminError } from '../../src/admin/routes';
import { createAuditWriter, type AuditWriter } from '../../src/audit/log';
import { AuditModel, chainHash } from '../../src/audit/model';
import { auditRouter } from '../../src/admin/audit';
import { verifyAudit } from '../../src/audit/verify';
import { config } from '../../src/config';
import { canonicalize } from '../../src/crypto/jcs';
import { AUDIT_KEY_ID, dataKey } from '../../src/crypto/keyring';
import { log } from '../../src/log';
import { authenticateOperator, passportInit } from '../../src/parties/auth';
import { call } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';
import { close, listen } from '../harness/listen';
import { until } from '../harness/wait';

let hub: Hub;
let server: Server;
let base: string;
let w: AuditWriter;
const entries = () => mongoose.connection.collection('audit');
const heads = () => mongoose.connection.collection('audit_heads');

function recordMany(writer: AuditWriter, n: number, from = 1) {
  for (let i = from; i < from + n; i += 1)
    writer.record({
      action: 'forward',
      from: 'NL*CPA',
      to: 'DE*EMA',
      module: 'sessions',
      object_id: `S${i}`,
      outcome: 'ok',
    });
}

async function recordFlushed(writer: AuditWriter, n: number, from = 1) {
  recordMany(writer, n, from);
  await writer.flush();
}

beforeAll(async () => {
  hub = await startHub();
  const app = express()
    .use(passportInit)
    .use('/admin', authenticateOperator, Router().use('/audit', auditRouter), renderAdminError);
  ({ server, url: base } = await listen(app));
});
beforeEach(async () => {
  await entries().deleteMany({});
  await heads().deleteMany({});
  w = createAuditWriter();
  await recordFlushed(w, 5);
});
afterEach(() => jest.restoreAllMocks());
afterAll(async () => {
  await close(server);
  await hub.stop();
});

describe('audit verification', () => {
  test('when the log is untouched, then verify is ok, over HTTP too', async () => {
    expect(await verifyAudit()).toEqual({ ok: true, writers: 1, entries: 5, problems: [], warnings: [] });
    const res = await call('GET', `${base}/admin/audit/verify`, { bearer: config.adminToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, writers: 1, entries: 5, problems: [], warnings: [] });
  });

  test('when one field of an entry is changed in the collection, then verify names that writer and seq, with 200 over HTTP', async () => {
    await entries().updateOne({ writer: w.id, seq: 3 }, { $set: { outcome: 'refused' } });
    const res = await call('GET', `${base}/admin/audit/verify`, { bearer: config.adminToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: false,
      writers: 1,
      entries: 5,
      problems: [{ writer: w.id, seq: 3, problem: expect.stringMatching(/^changed/) }],
      warnings: [],
    });
  });

  test('when a field is added to an entry, then it is reported as changed', async () => {
    await entries().updateOne({ writer: w.id, seq: 2 }, { $set: { note: 'added later' } });
    expect((await verifyAudit()).problems).toEqual([{ writer: w.id, seq: 2, problem: 'changed: fields added (note)' }]);
  });

  test('when a changed entry gets a recomputed hash, then the next entry no longer links to it', async () => {
    const third = (await entries().findOne({ writer: w.id, seq: 3 })) as Record<string, unknown>;
    const forged = { ...third, outcome: 'refused' };
    await entries().updateOne({ writer: w.id, seq: 3 }, { $set: { outcome: 'refused', hash: chainHash(forged) } });
    const { problems } = await verifyAudit();
    expect(problems).toEqual([{ writer: w.id, seq: 4, problem: expect.stringMatching(/^relinked/) }]);
  });

  test('when an entry in the middle is deleted, then verify reports it missing', async () => {
    await entries().deleteOne({ writer: w.id, seq: 3 });
    expect(await verifyAudit()).toEqual({
      ok: false,
      writers: 1,
      entries: 4,
      problems: [{ writer: w.id, seq: 3, problem: 'deleted: entry 3 is missing' }],
      warnings: [],
    });
  });

  test('when the newest entries are deleted, then the head reveals them', async () => {
    await entries().deleteOne({ writer: w.id, seq: 5 });
    expect((await verifyAudit()).problems).toEqual([
      { writer: w.id, seq: 5, problem: expect.stringMatching(/^deleted: entry 5 is missing \(the head is ahead/) },
    ]);
    await entries().deleteOne({ writer: w.id, seq: 4 });
    expect((await verifyAudit()).problems).toEqual([
      { writer: w.id, seq: 4, problem: expect.stringMatching(/^deleted: entries 4 to 5 are missing/) },
    ]);
  });

  test('when every entry of a writer is deleted, or its head is, then verify says so', async () => {
    await heads().deleteOne({ _id: w.id as never });
    expect((await verifyAudit()).problems).toEqual([{ writer: w.id, problem: expect.stringMatching(/no head/) }]);
    await recordFlushed(w, 1, 6); // the writer's next flush writes its head again
    expect((await verifyAudit()).ok).toBe(true);
    await entries().deleteMany({ writer: w.id });
    expect(await verifyAudit()).toEqual({
      ok: false,
      writers: 1,
      entries: 0,
      problems: [{ writer: w.id, seq: 1, problem: 'deleted: all 6 entries of this writer are missing' }],
      warnings: [],
    });
  });

  test('when two entries swap places, then both are reported, and the entry after them no longer links', async () => {
    await entries().updateOne({ writer: w.id, seq: 2 }, { $set: { seq: -2 } });
    await entries().updateOne({ writer: w.id, seq: 3 }, { $set: { seq: 2 } });
    await entries().updateOne({ writer: w.id, seq: -2 }, { $set: { seq: 3 } });
    const { problems } = await verifyAudit();
    expect(problems.filter((p) => p.seq === 2 || p.seq === 3).map((p) => p.problem)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^changed/), expect.stringMatching(/^relinked/)]),
    );
    expect(new Set(problems.map((p) => p.seq))).toEqual(new Set([2, 3, 4]));
  });

  test('when two writers interleave their entries, then each chain is numbered on its own and verifies', async () => {
    const other = createAuditWriter();
    for (let i = 0; i < 30; i += 1) {
      w.record({ action: 'relay', object_id: `W${i}`, outcome: 'ok' });
      other.record({ action: 'relay', object_id: `O${i}`, outcome: 'ok' });
    }
    await Promise.all([w.flush(), other.flush()]);
    expect(await verifyAudit()).toEqual({ ok: true, writers: 2, entries: 65, problems: [], warnings: [] });
    const seqsOf = async (id: string) =>
      (await AuditModel.find({ writer: id }).sort({ seq: 1 }).lean()).map((e) => e.seq);
    expect(await seqsOf(other.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await seqsOf(w.id)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    await entries().updateOne({ writer: other.id, seq: 7 }, { $set: { object_id: 'O99' } });
    expect((await verifyAudit()).problems).toEqual([
      { writer: other.id, seq: 7, problem: expect.stringMatching(/^changed/) },
    ]);
  });

  test('when the database refuses a flush, then recording goes on, and the next flush writes every entry once', async () => {
    const logged = jest.spyOn(log, 'error').mockReturnValue(log);
    jest.spyOn(AuditModel.collection, 'insertMany').mockRejectedValueOnce(new Error('database down'));
    expect(() => w.record({ action: 'push', object_id: 'X1', outcome: 'ok' })).not.toThrow();
    await expect(w.flush()).rejects.toThrow('database down');
    expect(logged).toHaveBeenCalledWith('audit flush failed; retrying', {
      error: 'database down',
      buffered: 1,
      writer: w.id,
    });
    w.record({ action: 'push', object_id: 'X2', outcome: 'ok' });
    await w.flush();
    expect(await verifyAudit()).toEqual({ ok: true, writers: 1, entries: 7, problems: [], warnings: [] });
  });

  test('when a batch landed but its acknowledgement was lost, then the retry stores no entry twice', async () => {
    jest.spyOn(log, 'error').mockReturnValue(log);
    const real = AuditModel.collection.insertMany.bind(AuditModel.collection);
    jest.spyOn(AuditModel.collection, 'insertMany').mockImplementationOnce(async (docs, options) => {
      await real(docs, options);
      throw new Error('connection reset');
    });
    await expect(recordFlushed(w, 3, 6)).rejects.toThrow('connection reset');
    await w.flush();
    expect(await verifyAudit()).toEqual({ ok: true, writers: 1, entries: 8, problems: [], warnings: [] });
  });

  test('when flushes overlap (the 200-entry threshold and several callers), then every entry is stored once, in order', async () => {
    recordMany(w, 450, 6); // a write starts at once when 200 are waiting
    const first = w.flush();
    w.record({ action: 'push', object_id: 'late', outcome: 'ok' });
    await Promise.all([first, w.flush(), w.flush()]);
    expect(await verifyAudit()).toEqual({ ok: true, writers: 1, entries: 456, problems: [], warnings: [] });
  });

  test('when entries are recorded and nobody flushes, then the timer writes them within moments', async () => {
    w.record({ action: 'push', object_id: 'T1', outcome: 'ok' });
    expect(await entries().countDocuments({ object_id: 'T1' })).toBe(0);
    await until(async () => (await entries().countDocuments({ object_id: 'T1' })) > 0, 3000);
    expect(await entries().countDocuments({ object_id: 'T1' })).toBe(1);
    expect(await heads().findOne({ _id: w.id as never })).toMatchObject({ seq: 6 });
  });

  test('when 20,000 entries are recorded in a loop, then all are stored in order and the chain verifies', async () => {
    await recordFlushed(w, 20_000, 6);
    expect(await verifyAudit()).toEqual({ ok: true, writers: 1, entries: 20_005, problems: [], warnings: [] });
    expect(await heads().findOne({ _id: w.id as never })).toMatchObject({ seq: 20_005 });
  });
});

describe('the chain hash', () => {
  test('when an entry is hashed, then it is HMAC-SHA256 under the audit key over its RFC 8785 canonical JSON, so any JCS library recomputes it with the key', async () => {
    w.record({
      action: 'push',
      from: 'NL*CPA',
      module: 'cdrs',
      object_id: 'CDR-é-1',
      signature: 'h..s',
      outcome: 'failed: "quoted" \\ \u0001 €',
      platform_id: 'p',
    });
    await w.flush();
    const stored = (await entries().findOne({ writer: w.id, seq: 6 })) as Record<string, unknown>;
    const { _id, hash, ...fields } = stored;
    expect(hash).toBe(createHmac('sha256', dataKey(AUDIT_KEY_ID)).update(canonicalize(fields)).digest('hex'));
    expect(chainHash(stored)).toBe(hash);
  });

  test('when a value holds a lone surrogate (not storable as UTF-8), then it is stored as U+FFFD and the chain still verifies', async () => {
    w.record({ action: 'push', object_id: 'bad-\ud800-id', outcome: 'ok' });
    await w.flush();
    expect((await entries().findOne({ writer: w.id, seq: 6 }))?.object_id).toBe('bad-\ufffd-id');
    expect((await verifyAudit()).ok).toBe(true);
  });
});
