// Loaded into a hub process (node --import, after tsx) by lib/hub.ts: counts the hub's MongoDB calls per
// collection and method through mongoose's debug hook, and failed queries by model, operation and message
// (`failed: ...`), and writes the counts to BENCH_DB_CALLS_FILE on SIGUSR2.
import { writeFileSync } from 'node:fs';
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

process.on('SIGUSR2', () => {
  const file = process.env.BENCH_DB_CALLS_FILE;
  if (file) writeFileSync(file, JSON.stringify({ seq: ++seq, counts }));
});
