// GET /admin/audit: entries recorded through recordAudit come back by every filter, newest first, paged once through.
import type { Server } from 'node:http';
import express, { Router } from 'express';
import { renderAdminError } from '../../src/admin/routes';
import { config } from '../../src/config';
import { flushAudit, recordAudit, type AuditInput } from '../../src/audit/log';
import { auditRouter } from '../../src/admin/audit';
import { authenticateOperator, passportInit } from '../../src/parties/auth';
import { call } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';
import { close, listen } from '../harness/listen';
import { sleep } from '../harness/wait';

let hub: Hub;
let server: Server;
let base: string;
const ADMIN = config.adminToken;
const audit = (query = '', bearer = ADMIN) => call('GET', `${base}/admin/audit${query}`, { bearer });
let boundary: string;

// The router behind the real admin auth, as it will be mounted under /admin/audit (src/admin/routes.ts is not ours to
// edit).
beforeAll(async () => {
  hub = await startHub();
  const app = express()
    .use(passportInit)
    .use('/admin', authenticateOperator, Router().use('/audit', auditRouter), renderAdminError);
  ({ server, url: base } = await listen(app));

  const early: AuditInput[] = [
    {
      action: 'forward',
      from: 'NL*CPA',
      to: 'DE*EMA',
      module: 'locations',
      object_id: 'LOC1',
      request_id: 'r-1',
      correlation_id: 'c-1',
      outcome: 'ok',
    },
    {
      action: 'forward',
      from: 'NL*CPA',
      to: 'BE*EMB',
      module: 'sessions',
      object_id: 'SES1',
      request_id: 'r-2',
      correlation_id: 'c-1',
      outcome: 'failed: timeout',
    },
  ];
  const late: AuditInput[] = [
    {
      action: 'relay',
      from: 'de*ema',
      to: 'NL*CPA',
      module: 'commands',
      object_id: 'cmd-1',
      request_id: 'r-3',
      correlation_id: 'c-2',
      outcome: '1000',
    },
    { action: 'admin.platform.create', platform_id: '64b7f0c2a1b2c3d4e5f60718', request_id: '', outcome: 'ok' },
  ];
  early.forEach(recordAudit);
  await sleep(5); // time must pass: the boundary lies strictly between the early and the late entries' timestamps
  boundary = new Date().toISOString();
  await sleep(5);
  late.forEach(recordAudit);
  await flushAudit();
});
afterAll(async () => {
  await close(server);
  await flushAudit();
  await hub.stop();
});

const ids = (body: { entries: { object_id?: string; action: string }[] }) =>
  body.entries.map((e) => e.object_id ?? e.action);

describe('GET /admin/audit', () => {
  test('when listed without filters, then every entry newest first, chained fields shown and no _id', async () => {
    const res = await audit();
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(['admin.platform.create', 'cmd-1', 'SES1', 'LOC1']);
    expect(res.body.next_cursor).toBeUndefined();
    const [newest] = res.body.entries;
    expect(newest).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      writer: expect.any(String),
      seq: 4,
      at: expect.any(String),
      prev: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      action: 'admin.platform.create',
      platform_id: '64b7f0c2a1b2c3d4e5f60718',
      outcome: 'ok',
    });
  });

  test.each([
    ['?from=NL*CPA', ['SES1', 'LOC1']],
    ['?from=de*ema', ['cmd-1']],
    ['?to=NL*CPA', ['cmd-1']],
    ['?to=BE*EMB', ['SES1']],
    ['?module=locations', ['LOC1']],
    ['?action=forward', ['SES1', 'LOC1']],
    ['?object_id=cmd-1', ['cmd-1']],
    ['?correlation_id=c-1', ['SES1', 'LOC1']],
    ['?request_id=r-2', ['SES1']],
    ['?from=NL*CPA&module=sessions', ['SES1']],
    ['?correlation_id=nope', []],
  ])('when filtered by %s, then exactly the matching entries', async (query, expected) => {
    const res = await audit(query);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(expected);
  });

  test('when filtered by since and until, then since is inclusive and until exclusive around the boundary', async () => {
    expect(ids((await audit(`?since=${boundary}`)).body)).toEqual(['admin.platform.create', 'cmd-1']);
    expect(ids((await audit(`?until=${boundary}`)).body)).toEqual(['SES1', 'LOC1']);
    const withOffset = boundary.replace('Z', '+00:00');
    expect(ids((await audit(`?since=${encodeURIComponent(withOffset)}&action=relay`)).body)).toEqual(['cmd-1']);
  });

  test('when a JWS with its payload attached is recorded, then only its detached form is kept', async () => {
    recordAudit({
      action: 'push',
      object_id: 'JWS1',
      signature: 'aGVhZGVy.cGF5bG9hZA.c2ln',
      signature_digest: 'ab'.repeat(32),
      outcome: 'ok',
    });
    await flushAudit();
    const [entry] = (await audit('?object_id=JWS1')).body.entries;
    expect(entry.signature).toBe('aGVhZGVy..c2ln');
    expect(entry.signature_digest).toBe('ab'.repeat(32));
  });

  test('when paged by cursor, then every entry is seen exactly once, newest first, including entries of the same millisecond', async () => {
    for (let i = 0; i < 23; i += 1)
      recordAudit({ action: 'page', object_id: `P${String(i).padStart(2, '0')}`, outcome: 'ok' });
    await flushAudit();
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const res = await audit(`?action=page&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      sizes.push(res.body.entries.length);
      seen.push(...ids(res.body));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(sizes).toEqual([10, 10, 3]);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `P${String(22 - i).padStart(2, '0')}`));
    const all = await audit('?limit=1000');
    expect(all.body.entries).toHaveLength(28);
  });

  test.each([
    ['?limit=0', /limit/],
    ['?limit=1001', /limit/],
    ['?limit=ten', /limit/],
    ['?since=yesterday', /since: an RFC 3339 date-time/],
    ['?until=2025-01-31', /until/],
    ['?from=NLCPA', /from: a party key/],
    ['?cursor=not-a-cursor', /cursor: not a cursor this hub issued/],
    ['?action=a&action=b', /action/],
    ['?colour=blue', /colour/],
  ])('when the query is %s, then 400 naming the parameter', async (query, message) => {
    const res = await audit(query);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  test('when the admin token is missing or wrong, then 401 for the listing and the verification', async () => {
    expect((await call('GET', `${base}/admin/audit`)).status).toBe(401);
    expect((await audit('', 'not-the-admin-token-at-all')).status).toBe(401);
    const verify = await call('GET', `${base}/admin/audit/verify`);
    expect(verify.status).toBe(401);
    expect(verify.body.error).toMatch(/admin token/);
  });
});
