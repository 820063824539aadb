// What a process costs, read from /proc: resident memory and CPU time (Linux only, as the bench machines are).
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** User plus system CPU seconds the process has used so far (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds of each named process between start() and the returned stop(); `bench` is this process. */
export function cpuMeter(pids: Record<string, number>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const own = process.cpuUsage();
  return () => {
    const used: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids)) used[name] = round(cpuSeconds(pid) - (before[name] ?? 0), 2);
    const mine = process.cpuUsage(own);
    used.bench = round((mine.user + mine.system) / 1e6, 2);
    return used;
  };
}

/** Samples a process's RSS every `everyMs` until stopped: the peak and the last reading. */
export function rssSampler(pid: number, everyMs = 200): () => { peakMb: number; lastMb: number } {
  let peak = rssMb(pid);
  let last = peak;
  const timer = setInterval(() => {
    try {
      last = rssMb(pid);
      peak = Math.max(peak, last);
    } catch {
      // the process is gone: keep what was read
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    return { peakMb: round(peak, 1), lastMb: round(last, 1) };
  };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
