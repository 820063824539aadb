// `npm run demo` as CI runs it: a child process (tsx demo/run.ts) that must tell the whole story and exit 0.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');

function runDemo(): Promise<{ code: number | null; out: string }> {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'demo/run.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  // the demo has its own 90 s watchdog; this one only keeps a broken demo from outliving the test
  const kill = setTimeout(() => child.kill('SIGKILL'), 110_000);
  return new Promise((resolve) => child.once('exit', (code) => (clearTimeout(kill), resolve({ code, out }))));
}

describe('npm run demo', () => {
  test('when the demo runs, then every step from registration to CDR succeeds, every hub signature verifies, and it exits 0', async () => {
    const { code, out } = await runDemo();
    expect({ code, out }).toMatchObject({ code: 0 });
    for (const line of [
      /NL\*CPO → hub +registers: .*party-initiated.*NL\*CPO CONNECTED/,
      /hub → DE\*MSP +registers: .*hub-initiated.*DE\*MSP CONNECTED/,
      /roaming agreement NL\*CPO ↔ DE\*MSP .* 201/,
      /NL\*CPO → hub → DE\*MSP +PUT location .*DE\*MSP got it, signature verified/,
      /NL\*CPO → hub → DE\*MSP +PUT tariff .*DE\*MSP got it, signature verified/,
      /DE\*MSP → hub → NL\*CPO +PUT token .*NL\*CPO got it, signature verified/,
      /NL\*CPO → hub → DE\*MSP +real-time authorization .*ALLOWED; DE\*MSP got it, signature verified/,
      /DE\*MSP → hub → NL\*CPO +START_SESSION .*ACCEPTED; NL\*CPO got it with a hub response_url, signature verified/,
      /NL\*CPO → hub → DE\*MSP +CommandResult ACCEPTED .*DE\*MSP got it, signature verified/,
      /PUT session .*DE\*MSP got it, signature verified/,
      /PATCH session .*DE\*MSP got it, signature verified/,
      /POST CDR .*DE\*MSP got it, signature verified/,
      /DE\*MSP: \d+ calls from the hub \+ \d+ answers from the hub: \d+ verified, 0 failed/,
      /summary: 14\/14 steps ok, \d+ signatures verified, 0 failed, .* → OK/,
      /shut down: hub exited 0/,
    ]) {
      expect(out).toMatch(line);
    }
    expect(out).not.toMatch(/FAILED/);
  }, 120_000);
});
