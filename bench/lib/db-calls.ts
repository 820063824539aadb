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
/** Odd signals start the profile, even ones stop it and write it (the same sampling interval as --cpu-prof). */
function toggleProfile(dir: string): void {
  const session = profiling;
  if (!session) {
    profiling = new Session();
    profiling.connect();
    profiling.post('Profiler.enable');
    profiling.post('Profiler.setSamplingInterval', { interval: 1000 });
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
