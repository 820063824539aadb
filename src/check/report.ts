// The shape of a conformance report: checks with an id, a title, the spec rule, a verdict and the evidence.
export type CheckVerdict = 'pass' | 'warn' | 'fail';

/** One HTTP exchange as it is shown to the operator: secrets masked, bodies cut. */
export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string> };
  response?: { status: number; headers: Record<string, string>; body: string };
  error?: string;
  ms: number;
}

export interface CheckResult {
  id: string;
  title: string;
  /** The spec rule this check enforces (document and what it says, in our words). */
  rule: string;
  verdict: CheckVerdict;
  detail: string;
  evidence: Exchange[];
}

export interface Report {
  versions_url: string;
  role: string;
  version?: string;
  token_encoding?: 'base64' | 'raw';
  started_at: string;
  duration_ms: number;
  verdict: CheckVerdict;
  counts: Record<CheckVerdict, number>;
  checks: CheckResult[];
}

export interface Rule {
  id: string;
  title: string;
  rule: string;
}

export const result = (rule: Rule, verdict: CheckVerdict, detail: string, evidence: Exchange[] = []): CheckResult => ({
  ...rule,
  verdict,
  detail,
  evidence: evidence.slice(0, 4),
});

/** The worst verdict wins: one fail fails the report. */
export function overall(checks: CheckResult[]): CheckVerdict {
  if (checks.some((c) => c.verdict === 'fail')) return 'fail';
  return checks.some((c) => c.verdict === 'warn') ? 'warn' : 'pass';
}

export function summarize(meta: Omit<Report, 'verdict' | 'counts' | 'duration_ms'>, startedMs: number): Report {
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const c of meta.checks) counts[c.verdict] += 1;
  return { ...meta, duration_ms: Date.now() - startedMs, verdict: overall(meta.checks), counts };
}

/** A plain-text rendering for the command line. */
export function renderText(report: Report): string {
  const lines = [
    `${report.versions_url} as ${report.role} (OCPI ${report.version ?? '?'}): ${report.verdict.toUpperCase()}`,
  ];
  for (const c of report.checks)
    lines.push(`  ${c.verdict.toUpperCase().padEnd(4)} ${c.id}: ${c.title}${c.detail ? ` — ${c.detail}` : ''}`);
  lines.push(
    `${report.counts.pass} passed, ${report.counts.warn} warnings, ${report.counts.fail} failed in ${report.duration_ms} ms`,
  );
  return lines.join('\n');
}
