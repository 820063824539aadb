// npm run demo: the hub, a simulated CPO and a simulated eMSP on 127.0.0.1, one charging session from location to CDR,
// told step by step with every hub signature checked. Exit code 0 only if every step and every check succeeded (CI
// smoke test).
import { spawnHub, type DemoHub } from './hub';
import { SimulatedCpo, SimulatedEmsp } from './parties';
import type { Party } from './party';
import { script, type Step } from './story';
import type { Tally } from './verify';

/** The whole run, start to shutdown, may not take longer than this: the demo never hangs a CI job. */
const WATCHDOG_MS = 90_000;

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
let interrupted = false;
/** After Ctrl-C the story is over: what the steps cut short would print is noise. */
const say = (line: string) => void (interrupted || process.stdout.write(`${line}\n`));
const cut = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

let hub: DemoHub | undefined;
const none: Tally = { records: 0, answers: 0, verified: 0, failed: [] };
const parties: Party[] = [];

/** Runs the steps in order, one line each; stops at the first that fails (the next ones build on it). */
async function tell(steps: Step[]): Promise<number> {
  let passed = 0;
  for (const [i, step] of steps.entries()) {
    const n = String(i + 1).padStart(2);
    try {
      const { status, note } = await step.run();
      say(`${n}  ${cut(step.who, 22)} ${cut(step.what, 58)} ${cut(status, 9)} ${note}`);
      passed += 1;
    } catch (error) {
      say(`${n}  ${cut(step.who, 22)} ${cut(step.what, 58)} ${cut('FAILED', 9)} ${(error as Error).message}`);
      break;
    }
  }
  return passed;
}

async function signatures(): Promise<{ verified: number; failed: number; lines: string[] }> {
  const counts = await Promise.all(
    parties.map(async (p) => ({ key: p.key, ...(await (p.signatures?.tally() ?? none)) })),
  );
  return {
    verified: counts.reduce((n, c) => n + c.verified, 0),
    failed: counts.reduce((n, c) => n + c.failed.length, 0),
    lines: counts.flatMap((c) => [
      `    ${c.key}: ${c.records} calls from the hub + ${c.answers} answers from the hub: ${c.verified} verified, ${c.failed.length} failed`,
      ...c.failed.map((reason) => `      failed: ${reason}`),
    ]),
  };
}

async function shutDown(): Promise<boolean> {
  const code = await hub?.stop();
  await Promise.all(parties.map((p) => p.stop()));
  return code === 0;
}

async function main(): Promise<number> {
  say('OCPI 2.2.1 hub demo: starting the hub (tsx src/main.ts, embedded MongoDB engine, fresh data folder)…');
  hub = spawnHub();
  await hub.ready();
  parties.push(await new SimulatedCpo().start(hub.url), await new SimulatedEmsp().start(hub.url));
  const [cpo, emsp] = parties as [SimulatedCpo, SimulatedEmsp];
  say(`hub ${hub.url} · CPO ${cpo.key} ${cpo.url} · eMSP ${emsp.key} ${emsp.url} · ready in ${seconds()}\n`);

  const steps = script(hub, cpo, emsp);
  const passed = await tell(steps);
  const sig = await signatures();
  const ok = passed === steps.length && sig.failed === 0 && sig.verified > 0;
  say(`\nsignatures (OCPI-Hub-Signature, checked with jose against ${hub.url}/.well-known/jwks.json):`);
  sig.lines.forEach(say);
  say(
    `summary: ${passed}/${steps.length} steps ok, ${sig.verified} signatures verified, ${sig.failed} failed, in ${seconds()} → ${ok ? 'OK' : 'FAILED'}`,
  );
  if (!ok) say(`\nthe hub's last output:\n${hub.output() || '(none)'}`);

  const clean = await shutDown();
  say(
    clean
      ? `shut down: hub exited 0, its engine with it, data folder removed (${seconds()})`
      : 'shut down: the hub did not exit cleanly',
  );
  return ok && clean ? 0 : 1;
}

const watchdog = setTimeout(() => {
  say(`demo: not finished within ${WATCHDOG_MS / 1000} s, giving up`);
  void shutDown().finally(() => process.exit(1));
  setTimeout(() => process.exit(1), 25_000).unref();
}, WATCHDOG_MS).unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`demo: ${signal}, shutting down`);
    interrupted = true;
    void shutDown().finally(() => process.exit(130));
  });
}

main()
  .catch(async (error: unknown) => {
    say(`demo: ${(error as Error).message}`);
    await shutDown().catch(() => undefined);
    return 1;
  })
  .then((code) => {
    clearTimeout(watchdog);
    process.exit(code);
  });
