// The schedule: node-cron runs each job here; a lease makes one replica of the cluster run it.
import cron, { type ScheduledTask } from 'node-cron';
import { log } from '../log';
import { takeLease } from './lease';
import * as stillAlive from './still-alive';

const JOBS: { name: string; cron: string; run: () => Promise<void> }[] = [{ name: 'still-alive', cron: '* * * * *', run: () => stillAlive.run() }];

let tasks: ScheduledTask[] = [];

export function startJobs(): void {
  tasks = JOBS.map((job) =>
    cron.schedule(job.cron, async () => {
      try {
        if (await takeLease(`job:${job.name}`, 50_000)) await job.run();
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
