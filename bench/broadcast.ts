// Benchmark 1, broadcast throughput: a CPO pushes Location PUTs to the hub (OCPI-to = the hub) from 32 connections;
// records/s from the first request to the last delivery at all three eMSPs, against a bare express+axios forwarder
// measured just before and just after the hub (their mean is the baseline: the machine is shared and noisy).
import './lib/env';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { aLocation } from '../test/builders/locations';
import { engineCapacity, engineStatus, opsPerSecond, perUnit, releaseDatabase, useDatabase } from './lib/engine';
import { callsPer, HUB_PARTY, ocpiHeaders, register, spawnHub, type HubProcess } from './lib/hub';
import { closedLoop, latencySummary, type Call } from './lib/load';
import { allReceived, PartyServer, type Party } from './lib/party';
import { cpuMeter, round, rssSampler } from './lib/proc';
import type { BenchResult } from './lib/report';
import { callsByStage, cpuByStage, type StageBreakdown } from './lib/stages';

const PUTS = Number(process.env.BENCH_PUTS ?? 5000);
const CONCURRENCY = 32;
/**
 * Pushes before each side's measured run (hub and forwarder alike): a replica runs for days, so the figure is the
 * hub warm. Its CPU per record in successive thousands of pushes from a cold start was 5.42, 3.47, then 2.2–2.8 ms
 * from the third on (V8 still compiling the path); after 100, as before, a third of the measured run was warm-up.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
const MAX_MS = 180_000;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPO' };

export const bodyOf = (id: string) => JSON.stringify(aLocation({ country_code: 'NL', party_id: 'CPO', id }));
export const put =
  (base: string, headers: (i: number) => Record<string, string>, prefix: string) =>
  (i: number): Call => {
    const id = `${prefix}-${String(i).padStart(5, '0')}`;
    return {
      method: 'PUT',
      url: `${base}/ocpi/2.2.1/locations/receiver/NL/CPO/${id}`,
      headers: headers(i),
      body: bodyOf(id),
    };
  };

async function spawnForwarder(targets: string[]): Promise<{ url: string; pid: number; stop: () => void }> {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, path.join(__dirname, 'baseline-forwarder.ts')], {
    env: { ...process.env, BENCH_TARGETS: targets.join(',') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child
      .once('message', (m: { port: number }) => resolve(m.port))
      .once('exit', (code) => reject(new Error(`forwarder exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number, stop: () => void child.kill('SIGTERM') };
}

/** `n` pushes through `make` to reset receivers: records/s up to the last delivery, and what each record cost. */
export async function pushAndDeliver(
  receivers: Party[],
  n: number,
  make: (i: number) => Call,
  pids: Record<string, number>,
  hub?: HubProcess,
) {
  for (const r of receivers) r.reset();
  const cpu = cpuMeter(pids);
  const [before, callsBefore] = await Promise.all([engineStatus(), hub?.dbCalls()]);
  const loop = await closedLoop(n, CONCURRENCY, make, MAX_MS);
  const got = await allReceived(receivers, n, Math.max(1000, MAX_MS - (loop.finishedAt - loop.startedAt)));
  const seconds = ((got.complete ? got.lastAt : performance.now()) - loop.startedAt) / 1000;
  const [after, callsAfter] = await Promise.all([engineStatus(), hub?.dbCalls()]);
  const cpuSeconds = cpu();
  return {
    records_per_s: round(got.received / receivers.length / seconds, 1),
    deliveries_per_s: round(got.received / seconds, 1),
    seconds: round(seconds, 2),
    accepted_per_s: round(loop.done / ((loop.finishedAt - loop.startedAt) / 1000), 1),
    // the sender's wait for its answer (the hub: durable write, group commit included; the forwarder: all 3 deliveries)
    answer_ms: (({ p50_ms, p99_ms }) => ({ p50_ms, p99_ms }))(latencySummary(loop.latencies)),
    complete: got.complete,
    errors: loop.errors,
    first_error: loop.firstError,
    deliveries_received: receivers.reduce((s, r) => s + r.deliveries, 0),
    cpu_seconds: cpuSeconds,
    cpu_ms_per_record: Object.fromEntries(Object.entries(cpuSeconds).map(([k, v]) => [k, round((1000 * v) / n, 2)])),
    db_ops_per_s: opsPerSecond(before.ops, after.ops, seconds),
    db_ops_per_record: perUnit(before.ops, after.ops, n),
    db_documents_per_record: perUnit(before.docs, after.docs, n),
    ...(callsBefore && callsAfter ? { hub_db_calls_per_record: callsPer(callsBefore, callsAfter, n) } : {}),
    load_average: os.loadavg().map((l) => round(l, 2)),
  };
}

export async function broadcast(): Promise<BenchResult> {
  const dbUri = await useDatabase('bench_broadcast');
  const server = await new PartyServer().start();
  const cpo = server.add('cpo', [CPO]);
  const emsps = [1, 2, 3].map((n) =>
    server.add(
      `emsp${n}`,
      [{ role: 'EMSP', country_code: 'NL', party_id: `EM${n}` }],
      [{ identifier: 'locations', role: 'RECEIVER' }],
    ),
  );
  const hub = await spawnHub(dbUri, {}, { profile: true }); // profiled: the per-stage CPU breakdown
  const forwarder = await spawnForwarder(emsps.map((e) => e.endpoint('locations', 'RECEIVER')));
  let result: BenchResult;
  try {
    const { tokenC } = await register(hub, cpo);
    for (const e of emsps) await register(hub, e);
    const { pid: engine } = await engineStatus();
    const plain = () => ({ Authorization: 'Token YmVuY2g=' });
    const viaHub = (i: number) => ocpiHeaders(tokenC, CPO, HUB_PARTY, i);

    await pushAndDeliver(emsps, WARMUP, put(forwarder.url, plain, 'WB'), {});
    await pushAndDeliver(emsps, WARMUP, put(hub.url, viaHub, 'WH'), {});
    const before = await pushAndDeliver(emsps, PUTS, put(forwarder.url, plain, 'B1'), {
      forwarder: forwarder.pid,
      engine,
    });
    const rss = rssSampler(hub.pid);
    const measured = await pushAndDeliver(emsps, PUTS, put(hub.url, viaHub, 'H'), { hub: hub.pid, engine }, hub);
    const hubRss = rss();
    const after = await pushAndDeliver(emsps, PUTS, put(forwarder.url, plain, 'B2'), {
      forwarder: forwarder.pid,
      engine,
    });
    const capacity = await engineCapacity();
    const baseline = round((before.records_per_s + after.records_per_s) / 2, 1);
    const ratio = measured.records_per_s / baseline;
    result = {
      name: 'broadcast',
      figures: [
        {
          figure: 'broadcast: records/s to 3 eMSPs',
          unit: 'rec/s',
          hub: measured.records_per_s,
          baseline,
          ratio,
          target: 'ratio >= 0.5',
          met: ratio >= 0.5 && measured.complete && measured.errors === 0,
        },
      ],
      details: {
        puts: PUTS,
        concurrency: CONCURRENCY,
        body_bytes: bodyOf('H-00000').length,
        hub: { ...measured, rss_mb: hubRss },
        engine_alone: capacity,
        baseline_before: before,
        baseline_after: after,
      },
    };
  } finally {
    forwarder.stop();
    await hub.stop();
    await server.stop();
    await releaseDatabase();
  }
  if (process.env.BENCH_PROFILE) result.details.hub_profile = hub.profile();
  const measured = (result.details as { hub: Awaited<ReturnType<typeof pushAndDeliver>> }).hub;
  const stages: StageBreakdown = {
    hub_cpu_us_per_record: hub.profileDir
      ? cpuByStage(hub.profileDir, 1000 * (measured.cpu_ms_per_record.hub ?? 0))
      : {},
    hub_db_calls_per_record: callsByStage(measured.hub_db_calls_per_record ?? {}),
    engine: {
      cpu_us: Math.round(1000 * (measured.cpu_ms_per_record.engine ?? 0)),
      ops: measured.db_ops_per_record.total ?? 0,
    },
    // the bench process holds the load generator and the three receivers
    cores_busy: {
      ...Object.fromEntries(
        Object.entries(measured.cpu_seconds).map(([name, s]) => [name, Math.round((100 * s) / measured.seconds) / 100]),
      ),
      machine: os.cpus().length,
    },
  };
  result.details.stages = stages;
  return result;
}
