// `npm run bench [name ...]`: runs the benchmarks (all, or those named), prints the table, writes bench/results/.
import './lib/env';
import { performance } from 'node:perf_hooks';
import { broadcast } from './broadcast';
import { cryptoBench } from './crypto';
import { getAll } from './get-all';
import { stopEngine } from './lib/engine';
import { runInfo, table, writeResults, type BenchResult } from './lib/report';
import { stageTable, type StageBreakdown } from './lib/stages';
import { parties } from './parties';
import { relay } from './relay';

/** Each benchmark and the time it may take at most (s): past it the run stops with an error, whatever it was doing. */
const BENCHMARKS: Record<string, [() => Promise<BenchResult>, number]> = {
  crypto: [cryptoBench, 120],
  relay: [relay, 150],
  broadcast: [broadcast, 330],
  parties: [parties, 300],
  'get-all': [getAll, 300],
};

function within<T>(seconds: number, name: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} took more than ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  const results: BenchResult[] = [];
  try {
    for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
      const [run, limit] = BENCHMARKS[name] as [() => Promise<BenchResult>, number];
      const started = performance.now();
      process.stdout.write(`${name} ...`);
      const result = await within(limit, name, run());
      result.seconds = Math.round((performance.now() - started) / 100) / 10;
      results.push(result);
      process.stdout.write(` ${result.seconds} s\n`);
    }
  } finally {
    await stopEngine();
    if (results.length > 0) writeResults(results);
  }
  const info = runInfo();
  console.log(
    `\n${info.date.slice(0, 10)}, ${info.machine.cpus} x ${info.machine.cpu_model}, ${info.machine.memory_gb} GB, Node ${info.machine.node}, commit ${info.commit}${info.dirty ? ' (with local changes)' : ''}\n`,
  );
  console.log(table(results));
  for (const r of results) {
    const stages = r.details.stages as StageBreakdown | undefined;
    if (stages) console.log(`\n${r.name}, per record by stage:\n${stageTable(stages)}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\n${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
