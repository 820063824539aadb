// Per request: X-Request-ID and X-Correlation-ID echoed (made when absent), a tagged child logger, one log line.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { log, type Logger } from './log';
import { requests } from './observe/metrics';
import { countRequest } from './observe/traffic';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      log: Logger;
      requestId: string;
      correlationId: string;
    }
    interface Locals {
      ocpiStatus?: number;
    }
  }
}

const ID = /^[\x21-\x7e]{1,100}$/; // any printable token up to 100 chars; the spec only advises UUIDs

const QUIET = new Set(['/healthz', '/readyz', '/metrics']);
/** The request line is info: below LOG_LEVEL it is not even built. */
const infoLogged = log.isInfoEnabled();

/** A token uid in a path is personal data: logged as `:uid`. */
const scrub = (path: string) => path.replace(/(\/tokens\/(?:receiver\/[^/]+\/[^/]+|sender))\/[^/?]+/, '$1/:uid');

export const tagRequest: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  const given = req.headers['x-request-id'];
  const correlation = req.headers['x-correlation-id'];
  req.requestId = typeof given === 'string' && ID.test(given) ? given : randomUUID();
  req.correlationId = typeof correlation === 'string' && ID.test(correlation) ? correlation : req.requestId;
  res.setHeader('X-Request-ID', req.requestId);
  res.setHeader('X-Correlation-ID', req.correlationId);
  req.log = log.child({ request_id: req.requestId, correlation_id: req.correlationId });

  // The OCPI status of the answer, for the log line (and, later, metrics).
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const code = (body as { status_code?: unknown } | null)?.status_code;
    if (typeof code === 'number') res.locals.ocpiStatus = code;
    return json(body);
  };

  // probes and scrapes come every few seconds: neither logged nor counted
  if (QUIET.has(req.path)) return next();
  res.on('finish', () => {
    const module =
      /^\/ocpi\/(?:2\.2\.1\/)?([a-z]+)/.exec(req.originalUrl)?.[1] ??
      (req.originalUrl.startsWith('/admin') ? 'admin' : 'other');
    requests.inc({ module, method: req.method, status: res.statusCode, ocpi_status: res.locals.ocpiStatus ?? '' });
    const user = req.user as { kind?: string; platform?: { name?: string; _id?: unknown } } | undefined;
    if (user?.kind === 'party')
      countRequest(String(user.platform?._id), res.statusCode >= 400 || (res.locals.ocpiStatus ?? 1000) >= 2000);
    if (!infoLogged) return;
    req.log.info('request', {
      method: req.method,
      path: scrub(req.originalUrl.split('?')[0] ?? ''),
      status: res.statusCode,
      ocpi_status: res.locals.ocpiStatus,
      duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
      party: user?.kind === 'party' ? String(user.platform?._id) : user?.kind,
    });
  });
  next();
};
