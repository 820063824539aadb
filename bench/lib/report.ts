// Results: the table `npm run bench` prints, and the JSON files under bench/results/ (one per benchmark, latest.json).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Figure {
  figure: string;
  unit: string;
  hub: number;
  baseline?: number;
  /** hub / baseline, unless the figure defines it otherwise. */
  ratio?: number;
  target: string;
  met: boolean;
}

export interface BenchResult {
  name: string;
  figures: Figure[];
  /** Everything else measured: conditions, intermediate figures, where the time went. */
  details: Record<string, unknown>;
  seconds?: number;
}

export const RESULTS_DIR = path.resolve(__dirname, '../results');

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

export function runInfo() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    commit: git('rev-parse', '--short=12', 'HEAD'),
    dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    machine: {
      cpus: cpus.length,
      cpu_model: cpus[0]?.model ?? 'unknown',
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
    },
  };
}

const fmt = (n: number | undefined) =>
  n === undefined || Number.isNaN(n)
    ? '-'
    : Math.abs(n) >= 100
      ? String(Math.round(n))
      : String(Math.round(n * 100) / 100);

/** The table as Markdown, so the README can carry it as printed. */
export function table(results: BenchResult[]): string {
  const rows = results.flatMap((r) =>
    r.figures.map((f) => [
      f.figure,
      `${fmt(f.hub)} ${f.unit}`,
      f.baseline === undefined ? '-' : `${fmt(f.baseline)} ${f.unit}`,
      fmt(f.ratio),
      f.target,
      f.met ? 'met' : 'MISSED',
    ]),
  );
  const head = ['figure', 'hub', 'baseline', 'ratio', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** bench/results/<name>.json per benchmark, and latest.json with this run's benchmarks replacing earlier ones. */
export function writeResults(results: BenchResult[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const info = runInfo();
  for (const r of results)
    writeFileSync(path.join(RESULTS_DIR, `${r.name}.json`), JSON.stringify({ ...info, ...r }, null, 2) + '\n');
  const latestFile = path.join(RESULTS_DIR, 'latest.json');
  const earlier = existsSync(latestFile)
    ? ((JSON.parse(readFileSync(latestFile, 'utf8')) as { benchmarks?: Record<string, unknown> }).benchmarks ?? {})
    : {};
  const benchmarks = { ...earlier, ...Object.fromEntries(results.map((r) => [r.name, { ...info, ...r }])) };
  writeFileSync(latestFile, JSON.stringify({ ...info, benchmarks }, null, 2) + '\n');
}
