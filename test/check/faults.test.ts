// The checker against fake CPO backends: a correct one passes, and each planted fault is found by its check.
import { runCheck, type Report } from '../../src/check/run';
import { FakePartner, type Fault } from './fake-partner';

async function check(fault?: Fault, write?: { country_code: string; party_id: string }): Promise<Report> {
  const partner = await new FakePartner(fault).start();
  try {
    return await runCheck({ versionsUrl: partner.versionsUrl, token: partner.token, write });
  } finally {
    await partner.stop();
  }
}
const verdictOf = (report: Report, id: string) => report.checks.find((c) => c.id === id)?.verdict;
const failed = (report: Report) => report.checks.filter((c) => c.verdict === 'fail').map((c) => c.id);

describe('the conformance checker against fake partners', () => {
  test('when the partner is correct, then every check passes', async () => {
    const report = await check();
    expect(report.checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
    expect(report).toMatchObject({ verdict: 'pass', role: 'CPO', version: '2.2.1', token_encoding: 'base64' });
    expect(report.checks.length).toBeGreaterThan(30);
    const evidence = JSON.stringify(report);
    expect(evidence).not.toContain('partner-token-for-the-hub');
    expect(evidence).not.toContain(Buffer.from('partner-token-for-the-hub').toString('base64'));
  });

  test('when the partner ignores offset, then the offset check of every list fails', async () => {
    const report = await check('ignores-offset');
    expect(verdictOf(report, 'lists.locations.offset')).toBe('fail');
    expect(verdictOf(report, 'lists.cdrs.offset')).toBe('fail');
    expect(report.verdict).toBe('fail');
  });

  test('when the partner drops X-Request-ID, then the echo check fails and names the header', async () => {
    const report = await check('drops-request-id');
    expect(failed(report)).toEqual(['headers.request-id']);
    expect(report.checks.find((c) => c.id === 'headers.request-id')?.detail).toMatch(/X-Request-ID missing/);
  });

  test('when the partner only accepts raw tokens, then the encoding check fails and the rest runs with the raw token', async () => {
    const report = await check('raw-token-only');
    expect(failed(report)).toEqual(['auth.encoding']);
    expect(report.token_encoding).toBe('raw');
    expect(verdictOf(report, 'objects.locations.schema')).toBe('pass');
  });

  test('when the partner serves invalid CDRs, then the CDR schema check fails with counts and the first errors', async () => {
    const report = await check('invalid-cdrs');
    expect(failed(report)).toEqual(['objects.cdrs.schema']);
    expect(report.checks.find((c) => c.id === 'objects.cdrs.schema')?.detail).toMatch(
      /^2 of 5 invalid; first: CDR-1: total_cost/,
    );
  });

  test('when the partner sends a DateTime with a +02:00 offset, then the DateTime check fails and shows it', async () => {
    const report = await check('offset-timestamps');
    expect(failed(report)).toContain('objects.locations.datetime');
    expect(report.checks.find((c) => c.id === 'objects.locations.datetime')?.detail).toMatch(
      /LOC-3\.last_updated=2025-06-02T08:03:00\+02:00/,
    );
  });

  test('when --write names a namespace, then a test token is pushed to its Receiver and read back; a Receiver that is down fails', async () => {
    const report = await check(undefined, { country_code: 'NL', party_id: 'TST' });
    expect(report.checks.find((c) => c.id === 'write.tokens')).toMatchObject({
      verdict: 'pass',
      detail: 'stored and returned under NL*TST',
    });
    expect(report.checks.find((c) => c.id === 'write.tokens')?.evidence[0]?.request.url).toMatch(
      /\/tokens\/NL\/TST\/OCPI-HUB-CHECK-1$/,
    );
    const down = await check('receivers-down', { country_code: 'NL', party_id: 'TST' });
    expect(failed(down)).toEqual(['write.tokens']);
    expect((await check()).checks.some((c) => c.id.startsWith('write'))).toBe(false); // read-only unless asked
  });
});
