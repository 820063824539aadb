// Starting and stopping a test's express app on 127.0.0.1: port 0 (the system picks) read back, or the port of an
// earlier start to come back at the same URL.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { serverFor } from '../../src/server';

/** `hub`: served as src/main.ts serves the hub (serverFor); fake partners are plain express apps. */
export async function listen(app: Express, port = 0, { hub = false } = {}): Promise<{ server: Server; url: string }> {
  const server = (hub ? serverFor(app) : app).listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function close(server: Server | undefined): Promise<void> {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
