// The embedded engine as the hub relies on it: through mongoose, across reconnects, and after killed processes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import mongoose from 'mongoose';
import { startEmbeddedEngine } from '../../src/db/embedded';
import { until } from '../harness/wait';

const PROJECT = path.resolve(__dirname, '../..');
const EMBEDDED = path.join(PROJECT, 'src/db/embedded.ts');
let dataDir: string;
let connections: mongoose.Connection[];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-engine-'));
  connections = [];
});
afterEach(async () => {
  // Forced, so a failed test with a dead engine ends instead of keeping jest alive.
  await Promise.all(connections.map((connection) => connection.close(true)));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function connect(uri: string): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, { dbName: 'hub', serverSelectionTimeoutMS: 5_000 });
  connections.push(connection);
  return connection.asPromise();
}

/** A zombie (an orphan nobody reaped yet) has exited too. */
function isRunning(pid: number): boolean {
  try {
    if (!fs.existsSync('/proc')) return process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const waitUntilGone = (pid: number, ms: number) => until(() => !isRunning(pid), ms, 50);

async function enginePid(connection: mongoose.Connection): Promise<number> {
  const status = await connection.db!.admin().command({ serverStatus: 1 });
  return Number(status.pid);
}

const partySchema = () =>
  new mongoose.Schema({ country_code: String, party_id: String, name: String, claims: Number }).index(
    { country_code: 1, party_id: 1 },
    { unique: true },
  );

test('when started, then mongoose writes, claims, hits unique keys, and the engine outlives endSessions', async () => {
  const engine = await startEmbeddedEngine(dataDir);
  try {
    const first = await connect(engine.uri);
    const Party = first.model('Party', partySchema());
    await Party.init();
    await Party.create({ country_code: 'NL', party_id: 'ABC', name: 'inserted', claims: 0 });
    await Party.updateOne({ country_code: 'DE', party_id: 'XYZ' }, { $set: { name: 'upserted' } }, { upsert: true });
    const claimed = await Party.findOneAndUpdate(
      { country_code: 'NL', party_id: 'ABC' },
      { $inc: { claims: 1 } },
      { returnDocument: 'after' },
    );
    expect(claimed?.claims).toBe(1);
    await expect(Party.create({ country_code: 'NL', party_id: 'ABC' })).rejects.toMatchObject({ code: 11000 });
    // The driver sends endSessions on close only to servers advertising sessions, which this engine does not;
    // clients that do send it would crash a bare engine, so send it as they would.
    expect(await first.db!.admin().command({ endSessions: [] })).toEqual({ ok: 1 });
    await first.close();

    const second = await connect(engine.uri);
    const names = await second
      .collection('parties')
      .find({}, { sort: { name: 1 } })
      .toArray();
    expect(names.map((p) => p['name'])).toEqual(['inserted', 'upserted']);
    await second.close();
  } finally {
    await engine.stop();
  }
}, 30_000);

test('when the parent process is SIGKILLed, then the engine child exits', async () => {
  const script = `
    const mongoose = require('mongoose');
    require(${JSON.stringify(EMBEDDED)}).startEmbeddedEngine(process.argv[1]).then(async ({ uri }) => {
      const connection = await mongoose.createConnection(uri).asPromise();
      const { pid } = await connection.db.admin().command({ serverStatus: 1 });
      console.log(pid);
      setInterval(() => {}, 1000);
    });`;
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const parent = spawn(process.execPath, ['--import', tsx, '-e', script, dataDir], {
    cwd: PROJECT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const childPid = await new Promise<number>((resolve, reject) => {
    parent.stdout.once('data', (line: Buffer) => resolve(Number(line.toString().trim())));
    parent.once('exit', (code) => reject(new Error(`parent exited early (code ${code})`)));
  });
  expect(isRunning(childPid)).toBe(true);

  process.kill(parent.pid!, 'SIGKILL');

  expect(await waitUntilGone(childPid, 5_000)).toBe(true);
}, 30_000);

test('when an engine child was SIGKILLed, then the next start on its data dir sees the data written', async () => {
  const killed = await startEmbeddedEngine(dataDir);
  const writer = await connect(killed.uri);
  // j: true, as an acknowledged write is otherwise only durable after the next journal flush (~50 ms).
  await writer.collection('sessions').insertOne({ id: 'S1', kwh: 12.5 }, { writeConcern: { j: true } });
  const pid = await enginePid(writer);
  await writer.close();
  process.kill(pid, 'SIGKILL');
  expect(await waitUntilGone(pid, 5_000)).toBe(true);
  expect(fs.readFileSync(path.join(dataDir, 'mongod.lock'), 'utf8').trim()).toBe(String(pid)); // the stale lock
  await killed.stop();

  const engine = await startEmbeddedEngine(dataDir);
  try {
    const reader = await connect(engine.uri);
    expect(await reader.collection('sessions').findOne({ id: 'S1' })).toMatchObject({ kwh: 12.5 });
    await reader.close();
  } finally {
    await engine.stop();
  }
}, 30_000);
