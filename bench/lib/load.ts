// Load generation on 127.0.0.1: one keep-alive HTTP client, a closed loop (N connections) and an open loop
// (a fixed rate, latency measured from each request's scheduled time), both bounded in count and in time.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Call {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}
export interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export const agent = (maxSockets: number) => new http.Agent({ keepAlive: true, maxSockets });

export function send(c: Call, via: http.Agent, timeoutMs = 30_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...c.headers };
    if (c.body !== undefined)
      Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(c.body) });
    const req = http.request(c.url, { method: c.method, headers, agent: via, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${c.url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(c.body);
  });
}

/** An OCPI success: HTTP 2xx and status_code 1xxx. */
export function ocpiOk(r: Reply): boolean {
  if (r.status < 200 || r.status >= 300) return false;
  try {
    const code = (JSON.parse(r.body) as { status_code?: number }).status_code;
    return typeof code === 'number' && code >= 1000 && code < 2000;
  } catch {
    return false;
  }
}

export interface LoopResult {
  done: number;
  errors: number;
  firstError?: string;
  startedAt: number;
  finishedAt: number;
  /** Each answered request's time from sending to its answer (ms). */
  latencies: number[];
}

/**
 * Requests 0..n-1 from `concurrency` connections, each sending its next one when the last is answered; stops at maxMs.
 */
export async function closedLoop(
  n: number,
  concurrency: number,
  make: (i: number) => Call,
  maxMs: number,
): Promise<LoopResult> {
  const via = agent(concurrency);
  const r: LoopResult = { done: 0, errors: 0, startedAt: performance.now(), finishedAt: 0, latencies: [] };
  const deadline = r.startedAt + maxMs;
  let next = 0;
  const worker = async () => {
    while (next < n && performance.now() < deadline) {
      const i = next++;
      const sent = performance.now();
      const reply = await send(make(i), via).catch((e: Error): Reply => ({ status: 0, body: e.message, headers: {} }));
      r.latencies.push(performance.now() - sent);
      r.done++;
      if (!ocpiOk(reply)) {
        r.errors++;
        r.firstError ??= `HTTP ${reply.status}: ${reply.body.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  r.finishedAt = performance.now();
  via.destroy();
  return r;
}

/**
 * Open loop: request i is due at start + i / rate seconds whatever happened to earlier ones (no coordinated
 * omission), for `durationMs`. outcomes[i] is the latency from the request's due time to its answer (ms), or why
 * it failed (`check` judges an answer); a request still unanswered 10 s after the last was sent stays undefined.
 */
export async function openLoop(
  rate: number,
  durationMs: number,
  make: (i: number) => Call,
  check: (r: Reply) => boolean,
  via: http.Agent,
) {
  const total = Math.floor((rate * durationMs) / 1000);
  const outcomes: (number | string | undefined)[] = new Array(total);
  const inflight = new Set<Promise<void>>();
  const start = performance.now() + 20;
  for (let i = 0; i < total;) {
    const now = performance.now();
    for (; i < total && start + (i * 1000) / rate <= now; i++) {
      const n = i;
      const due = start + (n * 1000) / rate;
      const p: Promise<void> = send(make(n), via, 10_000)
        .then(
          (reply) =>
            void (outcomes[n] = check(reply)
              ? performance.now() - due
              : `HTTP ${reply.status}: ${reply.body.slice(0, 300)}`),
          (e: Error) => void (outcomes[n] = e.message),
        )
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.race([Promise.all(inflight), new Promise((r) => setTimeout(r, 10_000))]);
  return { sent: total, outcomes, seconds: (performance.now() - start) / 1000 };
}

/** Latency percentiles (ms) of some of an open loop's outcomes; failures and unanswered requests are errors. */
export function latencySummary(outcomes: (number | string | undefined)[]) {
  const latencies = outcomes.filter((o): o is number => typeof o === 'number').sort((a, b) => a - b);
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return {
    sent: outcomes.length,
    answered: latencies.length,
    errors: outcomes.length - latencies.length,
    first_error:
      outcomes.find((o) => typeof o === 'string') ?? (latencies.length < outcomes.length ? 'unanswered' : undefined),
    p50_ms: r2(percentile(latencies, 50)),
    p90_ms: r2(percentile(latencies, 90)),
    p99_ms: r2(percentile(latencies, 99)),
    max_ms: r2(latencies[latencies.length - 1] ?? NaN),
  };
}

/** The p-th percentile (0..100) of sorted values, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
