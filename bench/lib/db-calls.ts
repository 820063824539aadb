// Loaded into a hub process (node --import, after tsx) by lib/hub.ts: counts the hub's MongoDB calls per
// collection and method through mongoose's debug hook, and failed queries by model, operation and message
// (`failed: ...`), and writes the counts to BENCH_DB_CALLS_FILE on SIGUSR2. With BENCH_PROFILE_DIR, the same
// signals start and stop a CPU profile: it covers the measured window only, not the hub's start (tsx compiling
// src/), its registration or the warm-up, which a whole-process profile spread over every stage.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import mongoose from 'mongoose';

const counts: Record<string, number> = {};
let seq = 0;
const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);

mongoose.set('debug', (collection: string, method: string) => count(`${collection}.${method}`));

// The engine has refused some query shapes at random ("the slot-based execution engine is not part of this build").
const exec = mongoose.Query.prototype.exec;
mongoose.Query.prototype.exec = async function (this: mongoose.Query<unknown, unknown>, ...args: []) {
  try {
    return await exec.apply(this, args);
  } catch (error) {
    const op = (this as unknown as { op?: string }).op;
    count(`failed: ${this.model?.modelName}.${op}: ${String((error as Error).message).slice(0, 80)}`);
    throw error;
  }
} as typeof exec;

let profiling: Session | undefined;
/**
 * Sampled every 10 ms, not --cpu-prof's 1 ms: at 1 ms the sampler (a signal to the main thread and a thread of its
 * own) took about a tenth of the hub's CPU and its broadcast throughput (interleaved runs, 0.381 against 0.423);
 * a 20 s window still gives some 2,000 samples for the shares by stage. BENCH_PROFILE_INTERVAL_US sets another.
 */
const PROFILE_INTERVAL_US = Number(process.env.BENCH_PROFILE_INTERVAL_US ?? 10_000);

/** Odd signals start the profile, even ones stop it and write it. */
function toggleProfile(dir: string): void {
  const session = profiling;
  if (!session) {
    profiling = new Session();
    profiling.connect();
    profiling.post('Profiler.enable');
    profiling.post('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
    profiling.post('Profiler.start');
    return;
  }
  profiling = undefined;
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(path.join(dir, `window-${seq}.cpuprofile`), JSON.stringify(result.profile));
    session.disconnect();
  });
}

process.on('SIGUSR2', () => {
  const file = process.env.BENCH_DB_CALLS_FILE;
  if (process.env.BENCH_PROFILE_DIR) toggleProfile(process.env.BENCH_PROFILE_DIR);
  if (file) writeFileSync(file, JSON.stringify({ seq: ++seq, counts }));
});
