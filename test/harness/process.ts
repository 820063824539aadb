// Real hub processes (src/main.ts under tsx) sharing this test file's database: for replica and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
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

/**
 * Starts a hub on a port the system picks (PORT=0), which it reports over the IPC channel once it listens;
 * same database, admin token and master key as this test file's in-process hub.
 */
export async function spawnHub(env: Record<string, string> = {}): Promise<HubProcess> {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, path.resolve(__dirname, '../../src/main.ts')], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('hub process did not listen within 30 s')), 30_000);
    child.on('message', (m: { listening?: number }) => {
      clearTimeout(timer);
      if (m.listening) resolve(m.listening);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub process exited with ${code} before it listened`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    child,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
