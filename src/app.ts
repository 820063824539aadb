// The express app: helmet, ids and logs, body parsing, the OCPI modules, the admin API, one error renderer. No
// listen().
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { auditBacklogged } from './audit/log';
import { config } from './config';
import { adminRouter, renderAdminError } from './admin/routes';
import { adminUiRouter } from './admin/ui/routes';
import { credentials211, credentials230, interfaces as credentials } from './modules/credentials/routes';
import { interfaces as hubclientinfo } from './modules/hubclientinfo/routes';
import { cdrsModule } from './modules/cdrs/routes';
import { chargingprofilesModule } from './modules/chargingprofiles/routes';
import { commandsModule } from './modules/commands/routes';
import { locationsModule } from './modules/locations/routes';
import { sessionsModule } from './modules/sessions/routes';
import { tariffsModule } from './modules/tariffs/routes';
import { tokensModule } from './modules/tokens/routes';
import {
  at230,
  DETAILS_PATH,
  DETAILS_PATH_211,
  DETAILS_PATH_230,
  VERSIONS_PATH,
  versionsRouter,
  type ServedInterface,
} from './modules/versions/routes';
import { envelope } from './ocpi/envelope';
import { notFound, OcpiError, overloaded, payloadTooLarge, serverError, unreadableRequest } from './ocpi/errors';
import { assertShallow } from './ocpi/validate';
import { setAnnouncer } from './parties/announce';
import { announceToPartners } from './outbox/announce';
import { registerStoreGauges } from './outbox/gauges';
import { mount } from './pipeline/pipeline';
import { relayedModules, unmodelledRouter } from './pipeline/unmodelled';
import { proxyRouter } from './pipeline/proxied';
import { v211Router } from './bridge/inbound';
import { healthRouter } from './observe/health';
import { openapiRouter } from './openapi/routes';
import { tagRequest } from './requests';
import { jwks } from './crypto/signing-keys';
import { protectAnswers } from './parties/signed-answers';
import { decryptBodies } from './parties/encrypted-bodies';

/** Every interface the hub serves, in the order the version details list them. */
/** The functional modules' endpoint tables (also read by the OpenAPI generator). */
export const modules = [
  locationsModule,
  sessionsModule,
  cdrsModule,
  tariffsModule,
  tokensModule,
  commandsModule,
  chargingprofilesModule,
];

export const served: ServedInterface[] = [...credentials, ...hubclientinfo, ...modules.flatMap(mount)];

/** Any failure under /ocpi becomes an OCPI envelope with the HTTP status of the conventions table. */
const renderOcpiError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const e = error as { type?: string; status?: number; message?: string };
  let failure: OcpiError;
  if (error instanceof OcpiError) failure = error;
  else if (e.type === 'entity.parse.failed') failure = unreadableRequest(`the body is not valid JSON: ${e.message}`);
  else if (e.type === 'entity.too.large') failure = payloadTooLarge('the body is larger than the hub accepts');
  else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    failure = unreadableRequest(e.message ?? 'unreadable request');
  else {
    req.log.error('request failed', { error: e.message, stack: (error as Error).stack });
    failure = serverError();
  }
  if (res.headersSent) return;
  res
    .status(failure.http)
    .set(failure.headers)
    .json(envelope(undefined, failure.code, failure.message));
};

/** While the audit log cannot be written, new requests are refused rather than held in memory. */
const shedLoad: RequestHandler = (_req, _res, next) => {
  if (auditBacklogged()) throw overloaded(10);
  next();
};

const shallowBodies: RequestHandler = (req, _res, next) => {
  assertShallow(req.body);
  next();
};

/**
 * A router that serves a few fixed paths, entered only for those: a router none of whose routes matches hands the
 * request on a loop turn later (setImmediate), and every OCPI request used to pass three of them. Express matches
 * paths case-insensitively with an optional trailing slash, and so do these patterns.
 */
const only =
  (paths: RegExp, router: RequestHandler): RequestHandler =>
  (req, res, next) =>
    paths.test(req.path) ? router(req, res, next) : next();
const exactly = (paths: string[]) => new RegExp(`^(${paths.map((p) => p.replace(/\./g, '\\.')).join('|')})/?$`, 'i');

/**
 * helmet's headers, the same on every answer: worked out once by running helmet on a stand-in response, then set
 * in one step rather than through its twelve middlewares on every request.
 */
function securityHeaders(): RequestHandler {
  const headers = new Map<string, string>();
  const stand = { setHeader: (name: string, value: string) => headers.set(name, value), removeHeader: () => undefined };
  helmet()({} as Request, stand as unknown as Response, () => undefined);
  return (_req, res, next) => {
    res.setHeaders(headers);
    next();
  };
}

export function createApp(): express.Express {
  setAnnouncer(announceToPartners); // upward hooks: lower folders announce and measure, these act
  registerStoreGauges();
  const app = express();
  app.disable('x-powered-by');
  // a hash of every answer for a validator no OCPI party sends (each envelope has its own timestamp)
  app.disable('etag');
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy); // req.ip: the client, not the load balancer
  app.use(securityHeaders());
  app.use(tagRequest);
  app.use(only(exactly(['/healthz', '/readyz', '/metrics']), healthRouter));
  app.use(only(/^\/(openapi\.json|docs)(\/|$)/i, openapiRouter(modules)));

  app.use('/admin/ui', adminUiRouter);
  app.use('/admin', adminRouter, renderAdminError);
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(jwks(config.keyGraceDays));
  });
  // Parties are not consistent about Content-Type: every OCPI body is read as JSON (or decrypted JWE).
  app.use(
    '/ocpi',
    shedLoad,
    decryptBodies,
    express.json({ limit: config.bodyLimit, type: () => true }),
    shallowBodies,
    protectAnswers,
  );
  app.use(
    only(
      exactly([VERSIONS_PATH, DETAILS_PATH, DETAILS_PATH_211, DETAILS_PATH_230]),
      versionsRouter(served, relayedModules),
    ),
  );
  app.use(credentials230.path, credentials230.router);
  for (const path of new Set(served.map((s) => s.path))) {
    const router = served.find((s) => s.path === path)?.router;
    // 2.3.0 credentials differ: above
    if (router) app.use(path.endsWith('/credentials') ? path : [path, at230(path)], router);
  }
  app.use(credentials211.path, credentials211.router);
  app.use(v211Router(served));
  app.use(unmodelledRouter(DETAILS_PATH_230));
  app.use(proxyRouter);
  app.use('/ocpi', (req) => {
    throw notFound(`no OCPI endpoint ${req.method} ${req.originalUrl.split('?')[0]}`);
  });
  app.use('/ocpi', renderOcpiError);
  app.use((req, res) => {
    res.status(404).json({ error: `no endpoint ${req.method} ${req.path}` });
  });
  return app;
}
