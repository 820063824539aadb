// A real hub process (the compiled build, lib/build.ts) on a benchmark's database,
// and the operator's and a party's first steps with it: declare a platform, register through credentials.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hubEntry } from './build';
import { ADMIN_TOKEN } from './env';
import type { Party } from './party';
import { summarizeProfile } from './profile';

/** The node flags `npm start` gives the hub, if any: the bench measures the hub as it runs. */
const START_FLAGS: string[] =
  (
    JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start.match(/--[a-z-]+=\S+/g) ?? [];

export interface HubProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** The hub's MongoDB calls so far, by `collection.method` (lib/db-calls.ts). */
  dbCalls: () => Promise<Record<string, number>>;
  stop: () => Promise<void>;
  /** With BENCH_PROFILE=1, after stop(): where the hub spent its CPU (lib/profile.ts). */
  profile: () => ReturnType<typeof summarizeProfile>;
  /**
   * Where its CPU profile of the measured window (between two dbCalls(), lib/db-calls.ts) is written (BENCH_PROFILE=1
   * or `profile` asked for), else undefined.
   */
  profileDir?: string;
}

/** Hub processes still running: killed if this process exits without stopping them (an error, a time limit). */
const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((c) => c.kill('SIGKILL')));

/** Same admin token and master key as this process (lib/env.ts); no rate limit unless `env` sets one. */
export async function spawnHub(
  mongodbUri: string,
  env: Record<string, string> = {},
  { profile: wanted = false } = {},
): Promise<HubProcess> {
  const profileDir =
    process.env.BENCH_PROFILE || wanted ? mkdtempSync(path.join(os.tmpdir(), 'ocpi-hub-bench-profile-')) : undefined;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ocpi-hub-bench-hub-')); // its data dir and the calls file
  const callsFile = path.join(scratch, 'calls.json');
  const child = spawn(
    process.execPath,
    [
      ...START_FLAGS,
      // more node flags for an experiment (e.g. --trace-gc-nvp), space-separated
      ...(process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ...(await hubEntry()),
    ],
    {
      env: {
        ...process.env,
        PORT: '0', // the system picks; the hub reports it over IPC once it listens
        MONGODB_URI: mongodbUri,
        HUB_DATA_DIR: path.join(scratch, 'data'),
        HUB_RATE_LIMIT_PER_MINUTE: '0',
        BENCH_DB_CALLS_FILE: callsFile,
        ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}),
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve(void running.delete(child))));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the hub did not listen within 60 s')), 60_000);
    child.on('message', (m: { listening?: number }) => {
      clearTimeout(timer);
      if (m.listening) resolve(m.listening);
    });
    void exited.then(
      () => (clearTimeout(timer), reject(new Error(`the hub exited with ${child.exitCode} before it listened`))),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(force);
    rmSync(scratch, { recursive: true, force: true });
  };
  let seq = 0;
  const dbCalls = async () => {
    child.kill('SIGUSR2');
    for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      let snapshot: { seq: number; counts: Record<string, number> } | undefined;
      try {
        snapshot = existsSync(callsFile) ? (JSON.parse(readFileSync(callsFile, 'utf8')) as typeof snapshot) : undefined;
      } catch {
        snapshot = undefined; // read while the hub was still writing it: read again
      }
      if (snapshot && snapshot.seq > seq) return ((seq = snapshot.seq), snapshot.counts);
    }
    throw new Error('the hub did not report its database calls');
  };
  const profile = () => (profileDir ? summarizeProfile(profileDir) : undefined);
  return { url, pid: child.pid as number, child, dbCalls, stop, profile, profileDir };
}

export async function admin<T = any>(hub: { url: string }, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${hub.url}/admin${p}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`admin ${method} ${p}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const tokenHeader = (token: string) => ({ Authorization: `Token ${Buffer.from(token).toString('base64')}` });

async function ocpiGet(url: string, token: string): Promise<any> {
  const res = await fetch(url, { headers: tokenHeader(token) });
  return ((await res.json()) as { data: unknown }).data;
}

/** The operator declares the party (admin API), which registers itself with Token A; returns its Token C. */
export async function register(hub: { url: string }, party: Party): Promise<{ id: string; tokenC: string }> {
  const created = await admin<{ id: string; token_a: string; versions_url: string }>(hub, 'POST', '/platforms', {
    name: party.name,
    roles: party.roles,
  });
  const versions = await ocpiGet(created.versions_url, created.token_a);
  const details = await ocpiGet(versions[0].url, created.token_a);
  const credentialsUrl = details.endpoints.find((e: { identifier: string }) => e.identifier === 'credentials').url;
  const res = await fetch(credentialsUrl, {
    method: 'POST',
    headers: { ...tokenHeader(created.token_a), 'Content-Type': 'application/json' },
    body: JSON.stringify({
      token: `B-${party.name}`,
      url: party.versionsUrl,
      roles: party.roles.map((r) => ({ ...r, business_details: { name: party.name } })),
    }),
  });
  const answer = (await res.json()) as { status_code: number; data?: { token: string } };
  if (answer.status_code !== 1000 || !answer.data)
    throw new Error(`registration of ${party.name}: ${JSON.stringify(answer)}`);
  return { id: created.id, tokenC: answer.data.token };
}

/** The headers of a party's request to the hub: its Token C and the routing headers. */
export const ocpiHeaders = (
  tokenC: string,
  from: { country_code: string; party_id: string },
  to: { country_code: string; party_id: string },
  i: number,
) => ({
  ...tokenHeader(tokenC),
  'OCPI-from-country-code': from.country_code,
  'OCPI-from-party-id': from.party_id,
  'OCPI-to-country-code': to.country_code,
  'OCPI-to-party-id': to.party_id,
  'X-Request-ID': `bench-${i}`,
  'X-Correlation-ID': `bench-${i}`,
});

/** Calls per record between two snapshots of dbCalls(), largest first. */
export function callsPer(
  before: Record<string, number>,
  after: Record<string, number>,
  n: number,
): Record<string, number> {
  const per = Object.entries(after).map(([k, v]) => [k, Math.round((100 * (v - (before[k] ?? 0))) / n) / 100] as const);
  return Object.fromEntries(per.filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]));
}

export const HUB_PARTY = { country_code: 'NL', party_id: 'HUB' };
