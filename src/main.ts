// Boot: config, database, keys, HTTP server, clean shutdown on SIGTERM/SIGINT.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { flushAudit } from './audit/log';
import { config, listeningOn } from './config';
import { HUB, partyKey } from './ocpi/routing';
import { loadKeyring } from './crypto/keyring';
import { loadSigningKeys } from './crypto/signing-keys';
import { connectDatabase, disconnectDatabase } from './db/connect';
import { log } from './log';
import { hubVersionsUrl } from './modules/versions/routes';
import { startJobs, stopJobs } from './jobs/schedule';
import { setReadiness } from './observe/health';
import { startWorker, stopWorker } from './outbox/worker';
import { serverFor } from './server';

async function main(): Promise<void> {
  for (const line of config.generatedSecrets)
    log.warn(`development secret: ${line} (set it in the environment for production)`);
  await connectDatabase();
  await loadKeyring();
  await loadSigningKeys();
  const app = createApp();
  const server: Server = serverFor(app);
  if (config.host) server.listen(config.port, config.host);
  else server.listen(config.port);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  listeningOn(port);
  startWorker();
  startJobs();
  setReadiness({ worker: true, jobs: true });
  log.info(`ocpi-hub ${partyKey(HUB)} listening; versions URL: ${hubVersionsUrl()}`);
  // A parent that spawned the hub with an IPC channel (tests, demo, benchmarks) learns the port PORT=0 got, race-free.
  process.send?.({ listening: port });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    setReadiness({ worker: false, jobs: false }); // out of the load balancer first
    const forced = setTimeout(() => process.exit(1), 15000).unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections(); // keep-alive sockets would otherwise hold close() open
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    server.closeAllConnections();
    await stopJobs();
    await flushAudit().catch(() => undefined); // a failure is logged by the audit writer
    await stopWorker(); // in-flight deliveries are recorded; unclaimed ones wait in the outbox for any replica
    await disconnectDatabase();
    clearTimeout(forced);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  log.error('the hub could not start', { error: (error as Error).message });
  process.exit(1);
});
