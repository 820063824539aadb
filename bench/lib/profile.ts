// Where a hub process spends its CPU: its V8 CPU profile (node --cpu-prof, written when it exits) summed by
// package or file (self time) and by function of src/ (inclusive time: the function and what it calls).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sourceFile } from './build';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `src/outbox/worker.ts`, `undici`, `node:internal`, or the V8 pseudo-frames `(garbage collector)`, `(program)`. */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1] as string;
  if (file.startsWith('node:')) return 'node:internal';
  return sourceFile(file);
}

const share = (ms: number, total: number) => ({ ms: Math.round(ms), pct: Math.round((1000 * ms) / total) / 10 });

/** The main thread's profile in `dir` (the largest; tsx's loader thread writes one too): where the CPU went. */
export function summarizeProfile(dir: string, top = 15) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const file = files.sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  if (!file) return undefined;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    total += ms;
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    self.set(place, (self.get(place) ?? 0) + ms);
    const counted = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = (byId.get(at) as ProfileNode).callFrame;
      const where = placeOf(f.url, f.functionName);
      const key = `${f.functionName || '(anonymous)'} ${where}`; // tsx's output has no useful line numbers
      if (!where.startsWith('src/') || counted.has(key)) continue;
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      counted.add(key);
    }
  });
  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ...share(ms, total) }));
  return { busy_ms: Math.round(total), self_by_place: ranked(self), inclusive_src_functions: ranked(inclusive) };
}
