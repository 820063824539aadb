// The broadcast's per-record breakdown by stage of the hub path: hub CPU (from its V8 CPU profile: each sample goes
// to the innermost frame that names a stage, else to the package it runs in) and database calls (lib/db-calls.ts,
// by collection and method), next to the engine's CPU and operation counters per record.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sourceFile } from './build';

export const STAGES = [
  'HTTP in + auth',
  'validation',
  'object write',
  'outbox insert',
  'claim',
  'delivery + signing',
  'acknowledgement',
  'audit',
  'metrics',
  'database driver (replies)',
  'garbage collector',
  'other (node, event loop)',
] as const;
type Stage = (typeof STAGES)[number];

/** Files of src/ that name a stage; first match wins. Crypto is left out: it belongs to the stage that calls it. */
const BY_FILE: [RegExp, Stage][] = [
  [/^src\/outbox\/(claim|queues|handover)\.ts$/, 'claim'],
  [/^src\/outbox\/enqueue\.ts$|^src\/pipeline\/fanout\.ts$/, 'outbox insert'],
  // the outbound client, and the signing of each answer to the sender (parties/signed-answers.ts, before parties/
  // below)
  [/^src\/outbox\/deliver\.ts$|^src\/forward\/|^src\/parties\/signed-answers\.ts$/, 'delivery + signing'],
  [/^src\/audit\//, 'audit'],
  [/^src\/observe\//, 'metrics'],
  [/^src\/ocpi\/validate\.ts$/, 'validation'],
  [/^src\/outbox\/acks\.ts$/, 'acknowledgement'],
  [/^src\/modules\/|^src\/db\/objects\.ts$|^src\/db\/object-writes\.ts$/, 'object write'],
  [
    /^src\/parties\/|^src\/pipeline\/|^src\/policy\/|^src\/app\.ts$|^src\/requests\.ts$|^src\/log\.ts$/,
    'HTTP in + auth',
  ],
];
/** worker.ts holds the claim loop and the sending: by function (acks.ts's per-delivery counter is metrics). */
const WORKER: Record<string, Stage> = {
  deliverOne: 'delivery + signing',
};
/** Without a stage-naming frame (a callback of a library): by the package it runs in. */
const BY_PACKAGE: [RegExp, Stage][] = [
  [/^(undici|axios|follow-redirects|form-data|proxy-from-env|combined-stream|asynckit)$/, 'delivery + signing'],
  [/^(mongodb|mongoose|bson|mquery|kareem|mpath|sift)$/, 'database driver (replies)'],
  [
    /^(express|router|body-parser|raw-body|passport|passport-strategy|helmet|on-finished|finalhandler|send|qs|iconv-lite|content-type|type-is|mime-types|depd|debug)$/,
    'HTTP in + auth',
  ],
  [/^zod$/, 'validation'],
  [/^prom-client$/, 'metrics'],
  [/^(winston|logform|triple-beam|readable-stream|winston-transport)$/, 'other (node, event loop)'],
];

interface Frame {
  functionName: string;
  url: string;
}
interface Node {
  id: number;
  callFrame: Frame;
  children?: number[];
}

const packageOf = (url: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];

function stageOfFrame(f: Frame): Stage | undefined {
  if (!f.url || f.url.includes('node_modules') || f.url.startsWith('node:')) return undefined;
  const file = sourceFile(f.url);
  if (file === 'src/outbox/worker.ts') return WORKER[f.functionName] ?? 'claim';
  if (file === 'src/outbox/acks.ts' && f.functionName === 'counterOf') return 'metrics';
  return BY_FILE.find(([re]) => re.test(file))?.[1];
}

function stageOf(stack: Frame[]): Stage {
  for (const f of stack) {
    const s = stageOfFrame(f);
    if (s) return s;
  }
  for (const f of stack) {
    const pkg = packageOf(f.url);
    const s = pkg && BY_PACKAGE.find(([re]) => re.test(pkg))?.[1];
    if (s) return s;
  }
  return stack[0]?.functionName === '(garbage collector)' ? 'garbage collector' : 'other (node, event loop)';
}

/**
 * Hub CPU µs per record by stage: the measured CPU per record (`cpuUs`) split in the shares of the largest profile in
 * `dir` (the main thread). The profile samples time on the thread, which on a loaded machine includes waits for a
 * core inside system calls; the shares are what it tells reliably, the total comes from the kernel's CPU accounting.
 */
export function cpuByStage(dir: string, cpuUs: number): Record<Stage, number> {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  const out = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  if (!file) return out;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, Stage | null>();
  profile.samples.forEach((id, i) => {
    if (!memo.has(id)) {
      const stack: Frame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
        stack.push((byId.get(at) as Node).callFrame);
      memo.set(
        id,
        stack[0]?.functionName === '(idle)' || stack[0]?.functionName === '(program)' ? null : stageOf(stack),
      );
    }
    const stage = memo.get(id);
    if (stage) out[stage] += profile.timeDeltas[i + 1] ?? 0;
  });
  const sampled = STAGES.reduce((t, s) => t + out[s], 0) || 1;
  for (const s of STAGES) out[s] = Math.round((cpuUs * out[s]) / sampled);
  return out;
}

/** The hub's database calls per record (collection.method) by stage. */
export function callsByStage(calls: Record<string, number>): Record<Stage, number> {
  const out = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const stageOfCall = (key: string): Stage => {
    if (key.startsWith('outbox.insert')) return 'outbox insert';
    if (key === 'outbox.bulkWrite') return 'acknowledgement';
    if (key.startsWith('outbox.')) return 'claim';
    if (key.startsWith('audit')) return 'audit';
    if (key.startsWith('traffic_minutes.')) return 'metrics';
    if (/^(locations|sessions|cdrs|tariffs|tokens|objects)\./.test(key)) return 'object write';
    return 'HTTP in + auth'; // platforms, agreements, rate limits: the caller's and the routing's lookups
  };
  for (const [key, n] of Object.entries(calls))
    out[stageOfCall(key)] = Math.round(100 * (out[stageOfCall(key)] + n)) / 100;
  return out;
}

export interface StageBreakdown {
  hub_cpu_us_per_record: Record<string, number>;
  hub_db_calls_per_record: Record<string, number>;
  engine: { cpu_us: number; ops: number };
  /** Cores each process kept busy during the run (its CPU seconds over the run's seconds), and the machine's. */
  cores_busy?: Record<string, number>;
}

/** The breakdown as a Markdown table (the README carries it as printed). */
export function stageTable({
  hub_cpu_us_per_record: cpu,
  hub_db_calls_per_record: calls,
  engine,
  cores_busy: busy,
}: StageBreakdown): string {
  const rows = STAGES.map((s) => `| ${s} | ${cpu[s] ?? 0} | ${calls[s] ?? 0} |`);
  const hubTotal = STAGES.reduce((t, s) => t + (cpu[s] ?? 0), 0);
  const callTotal = Math.round(100 * STAGES.reduce((t, s) => t + (calls[s] ?? 0), 0)) / 100;
  return [
    '| stage (per record, 3 receivers) | hub CPU µs | hub DB calls |',
    '|---|---|---|',
    ...rows,
    `| **hub total** | **${hubTotal}** | **${callTotal}** |`,
    `| database engine (CPU µs; operations by its counters) | ${engine.cpu_us} | ${engine.ops} |`,
    ...(busy
      ? [
          '',
          `cores busy during the run: ${Object.entries(busy)
            .filter(([name]) => name !== 'machine')
            .map(([name, n]) => `${name} ${n}`)
            .join(', ')} (of ${busy.machine})`,
        ]
      : []),
  ].join('\n');
}
