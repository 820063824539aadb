// The schedule: node-cron runs each job here; a lease makes one replica of the cluster run it.
import cron, { type ScheduledTask } from 'node-cron';
import { log } from '../log';
import { takeLease } from './lease';
import { config } from '../config';
import { refreshSigningKeys, rotateEncryptionKey, rotateSigningKey } from '../crypto/signing-keys';
import * as retention from './retention';
import * as stillAlive from './still-alive';
import * as trafficSample from '../admin/traffic-query';
import * as commandTimeouts from './command-timeouts';

// `everywhere`: runs on every replica (each must reload keys another replica rotated); others once per cluster.
const JOBS: { name: string; cron: string; run: () => Promise<unknown>; everywhere?: boolean }[] = [
  { name: 'still-alive', cron: '* * * * *', run: () => stillAlive.run() },
  { name: 'retention', cron: '17 3 * * *', run: () => retention.run() },
  { name: 'outbox-depth', cron: '* * * * *', run: () => trafficSample.run() },
  { name: 'command-timeouts', cron: '* * * * *', run: () => commandTimeouts.run() },
  {
    name: 'rotate-keys',
    cron: config.keyRotationCron,
    run: async () => [await rotateSigningKey(), await rotateEncryptionKey()],
  },
  { name: 'refresh-keys', cron: '* * * * *', run: () => refreshSigningKeys(), everywhere: true },
];

let tasks: ScheduledTask[] = [];

export function startJobs(): void {
  tasks = JOBS.map((job) =>
    cron.schedule(job.cron, async () => {
      try {
        if (job.everywhere || (await takeLease(`job:${job.name}`, 50_000))) await job.run();
      } catch (error) {
        log.error(`job ${job.name} failed`, { error: (error as Error).message });
      }
    }),
  );
}

export async function stopJobs(): Promise<void> {
  await Promise.all(tasks.map((t) => t.stop()));
  tasks = [];
}
