// The hub as `npm start` runs it (tsx src/main.ts, embedded engine), on a port the system picks (PORT=0, reported
// by the hub once it listens) with a fresh temporary data folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { call, type Answer } from './http';

const LISTEN_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 20_000;
const ROOT = path.resolve(__dirname, '..');

export interface DemoHub {
  /** Known once ready() resolved. */
  url: string;
  versionsUrl: string;
  /** Resolves once the hub listens (and its admin token is generated), or fails naming why within 45 s. */
  ready: () => Promise<void>;
  /** The operator API, with the admin token the hub generated into its data folder. */
  admin: <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<Answer<T>>;
  /** The hub's own output (warnings and errors), for a failed run. */
  output: () => string;
  /** SIGTERM (the engine child exits with the hub), SIGKILL if it hangs, then the data folder is removed. */
  stop: () => Promise<number | null>;
}

/** The parent's environment without any hub or database setting (a CI or test run may have its own). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('HUB_') && !['MONGODB_URI', 'PORT', 'LOG_LEVEL'].includes(k),
    ),
  );
}

/** Spawns the hub at once (so stop() can always clean up); then await ready(). */
export function spawnHub(): DemoHub {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ocpi-hub-demo-'));
  let url = '';
  const tsx = pathToFileURL(require.resolve('tsx', { paths: [ROOT] })).href;
  const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: {
      ...cleanEnv(),
      PORT: '0',
      HUB_DATA_DIR: dataDir,
      HUB_ALLOW_PRIVATE_URLS: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'], // the hub reports its port over IPC once it listens
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 100) lines.splice(0, lines.length - 100);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => lines.slice(-40).join('\n');

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(force);
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    return code;
  };

  let adminToken = '';
  const ready = async () => {
    const port = await new Promise<number>((resolve, reject) => {
      const fail = (why: string) => reject(new Error(`the hub ${why}:\n${output()}`));
      const timer = setTimeout(() => fail(`did not listen within ${LISTEN_TIMEOUT_MS / 1000} s`), LISTEN_TIMEOUT_MS);
      child.on('message', (m: { listening?: number }) => {
        clearTimeout(timer);
        if (m.listening) resolve(m.listening);
      });
      void exited.then((code) => (clearTimeout(timer), fail(`exited with ${code} before it listened`)));
    });
    url = `http://127.0.0.1:${port}`;
    adminToken = readFileSync(path.join(dataDir, 'hub-admin-token'), 'utf8').trim();
  };
  return {
    get url() {
      return url;
    },
    get versionsUrl() {
      return `${url}/ocpi/versions`;
    },
    ready,
    admin: (method, p, body) => call(method, `${url}/admin${p}`, { bearer: adminToken, body }),
    output,
    stop,
  };
}
