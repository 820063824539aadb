// Real hub processes (src/main.ts under tsx) sharing this test file's database: for replica and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface HubProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill: (signal?: NodeJS.Signals) => Promise<number | null>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Starts a hub on its own port; same database, admin token and master key as this test file's in-process hub. */
export async function spawnHub(env: Record<string, string> = {}, port?: number): Promise<HubProcess> {
  const p = port ?? (await freePort());
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, path.resolve(__dirname, '../../src/main.ts')], {
    env: { ...process.env, PORT: String(p), HUB_PUBLIC_URL: `http://127.0.0.1:${p}`, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub process exited with ${child.exitCode} before it listened`);
    const up = await fetch(`${url}/ocpi/versions`).then(
      (r) => r.status === 401,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error('hub process did not listen within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port: p,
    child,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
