// Header checks (2.2.1 transport_and_format): X-Request-ID and X-Correlation-ID echoed, Content-Type of JSON
// answers, routing headers in answers to routed requests, and the time each call took.
import { probe, type CheckContext } from './probe';
import { result, type CheckResult, type Exchange } from './report';

const ECHO = {
  id: 'headers.request-id',
  title: 'Echoes X-Request-ID and X-Correlation-ID',
  rule: "2.2.1 transport_and_format: responses carry the request's X-Request-ID and X-Correlation-ID",
};
const TYPE = {
  id: 'headers.content-type',
  title: 'Answers Content-Type: application/json',
  rule: 'transport_and_format: bodies are JSON (application/json)',
};
const ROUTING = {
  id: 'headers.routing',
  title: 'Answers routed requests with the routing headers mirrored',
  rule: '2.2.1 transport_and_format: the answer to a routed request, if it carries OCPI-from/-to, names the requester as OCPI-to',
};
const TIMING = {
  id: 'timing.calls',
  title: "Answers within the hub's relay timeout",
  rule: 'hub policy: a relayed request waits HUB_RELAY_TIMEOUT_MS for the receiver (then 4002)',
};

function echoProblems(ex: Exchange): string[] {
  const sent = ex.request.headers;
  const got = ex.response?.headers ?? {};
  const out: string[] = [];
  if (got['x-request-id'] !== sent['X-Request-ID'])
    out.push(
      `X-Request-ID ${got['x-request-id'] ? `changed to ${got['x-request-id']}` : 'missing'} on ${ex.request.url}`,
    );
  if (got['x-correlation-id'] !== sent['X-Correlation-ID'])
    out.push(`X-Correlation-ID ${got['x-correlation-id'] ? 'changed' : 'missing'} on ${ex.request.url}`);
  return out;
}

/** On the versions endpoint and on one functional endpoint (the first Sender list), if any. */
export async function checkEcho(ctx: CheckContext, functional?: string): Promise<CheckResult> {
  const calls = [await probe(ctx, { url: ctx.target.versionsUrl })];
  if (functional) calls.push(await probe(ctx, { url: functional, routed: true }));
  const answered = calls.filter((c) => c.res);
  if (answered.length === 0)
    return result(
      ECHO,
      'fail',
      'no answer',
      calls.map((c) => c.ex),
    );
  const problems = answered.flatMap((c) => echoProblems(c.ex));
  return result(
    ECHO,
    problems.length > 0 ? 'fail' : 'pass',
    problems.join('; ') || `echoed on ${answered.length} endpoint(s)`,
    calls.map((c) => c.ex),
  );
}

export function checkContentType(ctx: CheckContext): CheckResult {
  const bad = ctx.exchanges.filter(
    (ex) =>
      ex.response &&
      ex.response.body.trim().startsWith('{') &&
      !/application\/json/i.test(ex.response.headers['content-type'] ?? ''),
  );
  if (bad.length > 0)
    return result(
      TYPE,
      'warn',
      `${bad.length} JSON answer(s) with Content-Type ${bad[0]?.response?.headers['content-type'] ?? 'missing'}`,
      bad.slice(0, 1),
    );
  return result(TYPE, 'pass', 'every JSON answer');
}

export function checkRouting(ctx: CheckContext): CheckResult {
  const routed = ctx.exchanges.filter((ex) => ex.request.headers['OCPI-to-party-id'] && ex.response);
  if (routed.length === 0) return result(ROUTING, 'pass', 'no routed request was made');
  const wrong = routed.filter((ex) => {
    const h = ex.response?.headers ?? {};
    if (h['ocpi-to-party-id'] === undefined) return false; // answering without them is allowed
    return (
      h['ocpi-to-party-id'].toUpperCase() !== ex.request.headers['OCPI-from-party-id']?.toUpperCase() ||
      h['ocpi-to-country-code']?.toUpperCase() !== ex.request.headers['OCPI-from-country-code']?.toUpperCase()
    );
  });
  if (wrong.length > 0)
    return result(
      ROUTING,
      'warn',
      `${wrong.length} answer(s) name someone else than the requester in OCPI-to`,
      wrong.slice(0, 1),
    );
  return result(ROUTING, 'pass', `${routed.length} routed request(s)`);
}

export function checkTiming(ctx: CheckContext, relayTimeoutMs: number): CheckResult {
  const sorted = [...ctx.exchanges].sort((a, b) => b.ms - a.ms);
  const slow = sorted.filter((ex) => ex.ms > relayTimeoutMs);
  const total = ctx.exchanges.reduce((sum, ex) => sum + ex.ms, 0);
  const detail = `${ctx.exchanges.length} calls, slowest ${sorted[0]?.ms ?? 0} ms, total ${total} ms (relay timeout ${relayTimeoutMs} ms)`;
  if (slow.length > 0)
    return result(TIMING, 'warn', `${slow.length} call(s) slower than the relay timeout; ${detail}`, slow.slice(0, 2));
  return result(TIMING, 'pass', detail, sorted.slice(0, 1));
}
