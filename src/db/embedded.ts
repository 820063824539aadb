// The embedded MongoDB engine (development, tests) in a child process; the rest of the code only sees its URI.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface EmbeddedEngine {
  /**
   * `mongodb://127.0.0.1:<port>/?directConnection=true`, with no database in it: pass the database
   * as mongoose's `dbName` option, e.g. `mongoose.createConnection(uri, { dbName: 'hub' })`.
   */
  uri: string;
  /** Stops the engine cleanly (SIGTERM), or forcibly if it has not exited 5 s later. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

type EngineMessage = { ready: true; port: number } | { error: string };

/** Under tsx or ts-jest this file is TypeScript and so is the child; compiled, both are in dist/. */
function childCommand(): string[] {
  if (__filename.endsWith('.ts')) {
    // An absolute loader path, so the child starts the same whatever the working directory.
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    return ['--import', tsx, path.join(__dirname, 'engine-process.ts')];
  }
  return [path.join(__dirname, 'engine-process.js')];
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function stopper(child: ChildProcess): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (hasExited(child)) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(force);
    })();
    return stopping;
  };
}

function waitUntilReady(child: ChildProcess): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let reason = '';
    const onMessage = (message: EngineMessage): void => {
      if ('error' in message) reason = `: ${message.error}`;
      else if (message.ready) settle(() => resolve(message.port));
    };
    const onError = (error: Error): void => settle(() => reject(error));
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      const how = signal ?? `code ${code}`;
      settle(() => reject(new Error(`embedded MongoDB engine exited before it was ready (${how})${reason}`)));
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`embedded MongoDB engine not ready within ${READY_TIMEOUT_MS / 1000} s`))),
      READY_TIMEOUT_MS,
    );
    function settle(outcome: () => void): void {
      clearTimeout(timer);
      child.off('message', onMessage).off('error', onError).off('exit', onExit);
      outcome();
    }
    child.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

/** Starts the engine child process on dataDir; resolves once it listens. */
export async function startEmbeddedEngine(dataDir: string, port = 0): Promise<EmbeddedEngine> {
  const child = spawn(process.execPath, [...childCommand(), path.resolve(dataDir), String(port)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = stopper(child);
  try {
    const listening = await waitUntilReady(child);
    child.once('exit', (code, signal) => {
      // Only stop() kills it; anything else leaves the app with a dead database, which it should hear about.
      if (!child.killed) process.emitWarning(`embedded MongoDB engine exited (${signal ?? `code ${code}`})`);
    });
    // The engine lives as long as its owner wants it, not longer: it must not keep the owner's process alive.
    child.unref();
    child.channel?.unref();
    return { uri: `mongodb://127.0.0.1:${listening}/?directConnection=true`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
