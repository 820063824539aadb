// With the database down, the audit backlog stops at its limit: /readyz fails, new OCPI requests are shed (503),
// memory stays bounded; once the database is back, the backlog drains and the hub is ready again.
import './env-audit-buffer';
import mongoose from 'mongoose';
import { auditBacklogged, createAuditWriter, recordAudit } from '../../src/audit/log';
import { AuditModel } from '../../src/audit/model';
import { config } from '../../src/config';
import { setReadiness } from '../../src/observe/health';
import { call } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';
import { until } from '../harness/wait';

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
  setReadiness({ worker: true, jobs: true });
});
afterAll(async () => {
  setReadiness({ worker: false, jobs: false });
  await hub.stop();
});

test('when a writer is handed far more entries than it may hold, then it keeps at most twice its limit', () => {
  const writer = createAuditWriter('bounded-test-writer', 1000);
  for (let i = 0; i < 50_000; i++) writer.record({ action: 'probe', outcome: 'ok', object_id: `O-${i}` });
  expect(writer.buffered()).toBe(2000);
});

test('when the database is down, then 300,000 audit entries leave memory bounded, /readyz fails and OCPI requests get 503; back up, all is well', async () => {
  expect(config.auditBufferMax).toBe(1000);
  expect((await call('GET', `${hub.url}/readyz`)).status).toBe(200);
  await mongoose.disconnect();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < 300_000; i++)
    recordAudit({ action: 'probe', outcome: 'ok', object_id: `OBJ-${i}`, correlation_id: `corr-${i}` });
  const grown = process.memoryUsage().heapUsed - heapBefore;
  expect(auditBacklogged()).toBe(true);
  expect(grown).toBeLessThan(60 * 1024 * 1024); // unbounded, the issue measured ~186 MB for this many entries

  const ready = await call('GET', `${hub.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(ready.body).toMatchObject({ audit: false });
  const shed = await call('GET', `${hub.url}/ocpi/2.2.1/locations/sender`, { token: 'anything' });
  expect([shed.status, shed.body.status_code, shed.headers.get('retry-after')]).toEqual([503, 3000, '10']);

  await mongoose.connect(config.mongodbUri ?? '');
  await hub.drain().catch(() => undefined);
  await until(() => !auditBacklogged(), 10_000, 100);
  expect(auditBacklogged()).toBe(false);
  expect((await call('GET', `${hub.url}/readyz`)).status).toBe(200);
  expect(await AuditModel.countDocuments({ action: 'probe' })).toBeGreaterThanOrEqual(1000);
}, 60_000);
