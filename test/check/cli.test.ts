// npm run check: the CLI on a partner's versions URL, text or JSON, exit code 1 on a failed check, 2 on bad usage.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from '../../src/check/cli';
import { FakePartner } from './fake-partner';

const ROOT = path.resolve(__dirname, '../..');
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/check/cli.ts', ...args],
      { cwd: ROOT, env: process.env, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run check', () => {
  test('when a correct partner is checked, then the text report passes and the exit code is 0; as JSON, the token is masked', async () => {
    const partner = await new FakePartner().start();
    try {
      const text = await cli([partner.versionsUrl, '--token', partner.token, '--role', 'cpo']);
      expect(text.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ocpi\/versions as CPO \(OCPI 2\.2\.1\): PASS/);
      expect(text.stdout).toMatch(/\d+ passed, 0 warnings, 0 failed in \d+ ms/);
      expect(text.code).toBe(0);
      const json = await cli([partner.versionsUrl, '--token', partner.token, '--json']);
      expect(JSON.parse(json.stdout)).toMatchObject({ verdict: 'pass', role: 'CPO' });
      expect(json.stdout).not.toContain(partner.token);
    } finally {
      await partner.stop();
    }
  }, 120_000);

  test('when a check fails, then the exit code is 1 and the failed check is named', async () => {
    const partner = await new FakePartner('drops-request-id').start();
    try {
      const run = await cli([partner.versionsUrl, '--token', partner.token]);
      expect(run.stdout).toMatch(/FAIL headers\.request-id: Echoes X-Request-ID/);
      expect(run.code).toBe(1);
    } finally {
      await partner.stop();
    }
  }, 60_000);

  test('when the arguments are wrong, then the usage is printed and the exit code is 2', async () => {
    const run = await cli(['--token', 'x']);
    expect(run.stderr).toMatch(/^usage: npm run check -- <versions-url> --token T/);
    expect(run.code).toBe(2);
    expect(() => parseArgs(['https://p.example/v', '--token', 't', '--role', 'NAP'])).toThrow(
      /--role: one of CPO, EMSP, HUB, NSP/,
    );
    expect(() => parseArgs(['https://p.example/v', '--token', 't', '--write', 'NL'])).toThrow(
      /--write must be COUNTRY\*PARTY/,
    );
    expect(parseArgs(['https://p.example/v', '--token', 't', '--from', 'de*ab1', '--json'])).toMatchObject({
      from: { country_code: 'DE', party_id: 'AB1' },
      json: true,
    });
  }, 60_000);
});
