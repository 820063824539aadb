// Backup and restore drill: back up, wipe the database, restore, and the registered parties keep working; the
// backup file holds no token or credentials in clear.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { flushAudit } from '../../src/audit/log';
import { loadKeyring } from '../../src/crypto/keyring';
import { loadSigningKeys } from '../../src/crypto/signing-keys';
import { backup, restore } from '../../src/ops/backup';
import { invalidateDirectory } from '../../src/parties/directory';
import { aLocation, aToken } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ocpi-hub-backup-'));
const file = path.join(dir, 'hub.ejson');
const TOKEN_UIDS = ['04AA11BB22CC33', '04DD44EE55FF66'];
const locations = '/ocpi/2.2.1/locations';
const tokens = '/ocpi/2.2.1/tokens';
let before: { locations: unknown; tokens: unknown };

/** What each party sees through GET-All. */
const snapshot = async () => ({
  locations: (await emsp.ocpi('GET', `${locations}/sender`)).body.data,
  tokens: (await cpo.ocpi('GET', `${tokens}/sender`)).body.data,
});

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }] },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] },
  }));
  for (const id of ['B1', 'B2', 'B3']) {
    expect(
      (
        await cpo.ocpi('PUT', `${locations}/receiver/NL/CPA/${id}`, {
          body: aLocation({ country_code: 'NL', party_id: 'CPA', id }),
        })
      ).status,
    ).toBe(201);
  }
  for (const uid of TOKEN_UIDS) {
    const res = await emsp.ocpi('PUT', `${tokens}/receiver/DE/EMA/${uid}?type=RFID`, {
      body: aToken({ country_code: 'DE', party_id: 'EMA', uid, contract_id: `DE-EMA-C${uid.slice(-6)}-X` }),
    });
    expect(res.status).toBe(201);
  }
  await hub.drain();
  before = await snapshot();
  expect([before.locations, before.tokens].map((d) => (d as unknown[]).length)).toEqual([3, 2]);
});
afterAll(async () => {
  await hub.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup', () => {
  test('when the hub is backed up, then the file holds every collection but no token uid, contract id or credentials token in clear, and only its owner may read it', async () => {
    const counts = await backup(file);
    expect(counts).toMatchObject({ platforms: 2, locations: 3, tokens: 2 });
    expect(counts.data_keys).toBeGreaterThanOrEqual(2);
    const text = readFileSync(file, 'utf8');
    expect(text.trim().split('\n').length).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    const secrets = [
      ...TOKEN_UIDS,
      ...TOKEN_UIDS.map((u) => `DE-EMA-C${u.slice(-6)}-X`),
      cpo.hubToken!,
      emsp.hubToken!,
      ...cpo.accepted,
      ...emsp.accepted,
    ];
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(text).toContain('"B1"'); // the records are there, their non-personal fields in clear
    expect(statSync(file).mode & 0o077).toBe(0);
  });
});

describe('restore drill', () => {
  test("when the database is wiped and the backup restored, then the parties' tokens still authenticate, GET-All returns the same data, and new pushes are forwarded", async () => {
    await mongoose.connection.dropDatabase();
    invalidateDirectory();
    expect((await emsp.ocpi('GET', `${locations}/sender`)).status).toBe(401); // really gone: the token is unknown
    // A restore runs with the hub stopped: here the hub's audit writer stores what it holds first, so its next
    // timed flush cannot write its chain head between restore's drop of audit_heads and its insert of the copy.
    await flushAudit();

    const counts = await restore(file);
    expect(counts).toMatchObject({ platforms: 2, locations: 3, tokens: 2 });
    // as a restarted hub would: data keys and signing keys from the restored database
    await loadKeyring();
    await loadSigningKeys();
    invalidateDirectory();

    expect(await snapshot()).toEqual(before);
    const platform = await hub.admin('GET', `/platforms/${emsp.platformId}`);
    expect(platform.status).toBe(200);
    expect(platform.body.roles).toEqual([expect.objectContaining({ party_id: 'EMA', status: 'CONNECTED' })]);

    cpo.calls = [];
    emsp.calls = [];
    expect(
      (
        await cpo.ocpi('PUT', `${locations}/receiver/NL/CPA/B4`, {
          body: aLocation({ country_code: 'NL', party_id: 'CPA', id: 'B4' }),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await emsp.ocpi('PUT', `${tokens}/receiver/DE/EMA/04AFTER?type=RFID`, {
          body: aToken({ country_code: 'DE', party_id: 'EMA', uid: '04AFTER' }),
        })
      ).status,
    ).toBe(201);
    await hub.drain();
    // delivered with the hub's stored Token B of each party, unsealed from the restored data
    expect(emsp.received('/locations/receiver/NL/CPA/B4', 'PUT')).toHaveLength(1);
    expect(cpo.received('/tokens/receiver/DE/EMA/04AFTER', 'PUT')).toHaveLength(1);
    expect((await emsp.ocpi('GET', `${locations}/sender`)).body.data).toHaveLength(4);
  });
});
