// Loaded into a hub process (node --import, after tsx) by lib/hub.ts: counts the hub's MongoDB calls per
// collection and method through mongoose's debug hook, and writes the counts to BENCH_DB_CALLS_FILE on SIGUSR2.
import { writeFileSync } from 'node:fs';
import mongoose from 'mongoose';

const counts: Record<string, number> = {};
let seq = 0;

mongoose.set('debug', (collection: string, method: string) => {
  const key = `${collection}.${method}`;
  counts[key] = (counts[key] ?? 0) + 1;
});

process.on('SIGUSR2', () => {
  const file = process.env.BENCH_DB_CALLS_FILE;
  if (file) writeFileSync(file, JSON.stringify({ seq: ++seq, counts }));
});
