// The operator API under /admin: bearer auth through passport, plain JSON bodies and errors.
import express, { Router, type ErrorRequestHandler } from 'express';
import { recordAudit } from '../audit/log';
import { auditRouter } from './audit';
import { AdminAuthError, authenticateOperator } from '../parties/auth';
import { agreementsRouter } from './agreements';
import { hubKeysRouter, platformKeysRouter } from './keys';
import { onboardingRouter } from './onboarding';
import { outboxRouter } from './outbox';
import { platformsRouter } from './platforms';
import { tokensAdminRouter } from './tokens';
import { MAX_DEPTH, tooDeep } from '../ocpi/validate';
import { platformTrafficRouter, trafficRouter } from './traffic';
import { AdminError } from './schema';

export const adminRouter = Router();
adminRouter.use(authenticateOperator);
// Every operator action is audited (the path of a data-subject request names a token uid: it is not kept).
adminRouter.use((req, res, next) => {
  if (req.method !== 'GET') {
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0]?.replace(/^(\/admin\/tokens\/[^/]+\/[^/]+)\/.+$/, '$1/:uid');
      recordAudit({
        action: `admin ${req.method} ${path}`,
        request_id: req.requestId,
        correlation_id: req.correlationId,
        outcome: `HTTP ${res.statusCode}`,
      });
    });
  }
  next();
});
adminRouter.use(express.json({ limit: '100kb' }), (req, _res, next) => {
  if (tooDeep(req.body)) throw new AdminError(400, `the body is nested deeper than ${MAX_DEPTH} levels`);
  next();
});
adminRouter.use('/platforms/:id/keys', platformKeysRouter);
adminRouter.use('/platforms/:id', onboardingRouter);
adminRouter.use('/platforms/:id/traffic', platformTrafficRouter);
adminRouter.use('/traffic', trafficRouter);
adminRouter.use('/platforms', platformsRouter);
adminRouter.use('/keys', hubKeysRouter);
adminRouter.use('/agreements', agreementsRouter);
adminRouter.use('/tokens', tokensAdminRouter);
adminRouter.use('/audit', auditRouter);
adminRouter.use('/outbox', outboxRouter);
adminRouter.use((req) => {
  throw new AdminError(404, `no admin endpoint ${req.method} ${req.originalUrl}`);
});

export const renderAdminError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const e = error as { type?: string; status?: number; message?: string };
  if (error instanceof AdminError) {
    res.status(error.status).json({ error: error.message, ...(error.details ? { details: error.details } : {}) });
  } else if (error instanceof AdminAuthError) {
    res.status(401).json({ error: error.message });
  } else if (e.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'the body is not valid JSON' });
  } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    res.status(e.status).json({ error: e.message ?? 'bad request' });
  } else {
    req.log?.error('admin request failed', { error: (error as Error).message, stack: (error as Error).stack });
    res.status(500).json({ error: 'unexpected error in the hub' });
  }
};
