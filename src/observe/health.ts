// Liveness, readiness and metrics endpoints: no auth, no secrets.
import { Router } from 'express';
import mongoose from 'mongoose';
import { auditBacklogged } from '../audit/log';
import { registry } from './metrics';

let ready = { worker: false, jobs: false };
/** Set by main.ts once the outbox worker and the job schedule run (and cleared on shutdown). */
export const setReadiness = (state: Partial<typeof ready>) => {
  ready = { ...ready, ...state };
};

export const healthRouter = Router();

healthRouter.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});

healthRouter.get('/readyz', async (_req, res) => {
  const database = await mongoose.connection.db
    ?.command({ ping: 1 })
    .then(() => true)
    .catch(() => false);
  const audit = !auditBacklogged();
  const ok = !!database && ready.worker && ready.jobs && audit;
  res
    .status(ok ? 200 : 503)
    .json({ status: ok ? 'ready' : 'not ready', database: !!database, worker: ready.worker, jobs: ready.jobs, audit });
});

healthRouter.get('/metrics', async (_req, res) => {
  res.type(registry.contentType).send(await registry.metrics());
});
