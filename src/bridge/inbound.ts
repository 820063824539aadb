// The version boundary on the way in: requests of a 2.1.1 party at /ocpi/2.1.1/{module} are converted to the
// internal form here, then follow the hub path of the 2.2.1 interface that fits the party's single role; the
// answer's data is written back in 2.1.1. No routing headers: pushes and requests are routed openly.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { toInternal, Unconvertible } from '../convert';
import { withoutNulls } from '../ocpi/nulls';
import { isEnvelope } from '../ocpi/envelope';
import { notFound, unsupportedVersion } from '../ocpi/errors';
import { authenticateParty, partyOf } from '../parties/auth';
import type { Platform } from '../parties/model';
import type { ServedInterface } from '../modules/versions/routes';
import { DETAILS_PATH, DETAILS_PATH_211, MODULES_211 } from '../modules/versions/routes';
import { hubInterfaceFor211 } from '../modules/versions/v211';
import { factsIn } from './facts';
import { hold } from './held';
import { countLoss } from './losses';
import { forReceiver, kindOf } from './outbound';

const MAIN_KIND: Record<string, string> = {
  locations: 'location',
  sessions: 'session',
  cdrs: 'cdr',
  tariffs: 'tariff',
  tokens: 'token',
};

/** The party's single role as the owner of what it sends (2.1.1 objects carry no owner fields). */
const ownerOf = (p: Platform) => {
  const r = p.roles[0];
  return r ? { country_code: r.country_code, party_id: r.party_id } : undefined;
};

/** Converts the request body in place; false when it was held for the operator instead. */
async function convertRequest(req: Request, module: string, platform: Platform): Promise<boolean> {
  if (!['POST', 'PUT', 'PATCH'].includes(req.method) || req.body === undefined) return true;
  const patch = req.method === 'PATCH';
  // null is omitted (a PATCH keeps it: it clears), before any converter reads it
  if (!patch) req.body = withoutNulls(req.body);
  const kind = kindOf(module, req.path);
  const tariffId = req.path.split('/').filter(Boolean)[2];
  const ctx = await factsIn(module, req.body, {
    owner: ownerOf(platform),
    defaultTimeZone: platform.default_time_zone,
    patch,
    tariffId,
  });
  try {
    const out = toInternal('2.1.1', module, kind, req.body, ctx);
    await countLoss({
      platform: platform._id,
      module,
      dropped: out.dropped,
      what: `${req.method} ${kind}`,
      correlationId: req.correlationId,
    });
    req.body = out.value;
    const type = (out.value as { type?: unknown }).type;
    // 2.1.1 token URLs have no ?type= (2.2.1 defaults it to RFID): the body's type says it
    if (module === 'tokens' && typeof type === 'string' && !/[?&]type=/.test(req.url))
      req.url += `${req.url.includes('?') ? '&' : '?'}type=${encodeURIComponent(type)}`;
    if (module === 'tariffs' && patch) req.method = 'PUT'; // 2.2.1 tariffs have no PATCH: the merged object replaces
    return true;
  } catch (error) {
    if (!(error instanceof Unconvertible)) throw error;
    await hold({
      platform_id: platform._id,
      module,
      method: req.method,
      path: req.path,
      body: req.body,
      reason: error.message,
    });
    return false;
  }
}

/** The kind of an answer's data for a 2.1.1 caller, from the request it answers. */
function answerKind(module: string, req: Request): string | undefined {
  if (module === 'commands' && req.method === 'POST') return 'CommandResponse';
  if (module === 'tokens' && req.path.endsWith('/authorize')) return 'AuthorizationInfo';
  if (req.method !== 'GET') return undefined;
  return module === 'locations' && req.path !== '/' ? kindOf(module, `/cc/pid${req.path}`) : MAIN_KIND[module];
}

/** res.json writes the envelope's data in 2.1.1 (and Link headers point at the 2.1.1 URL) before sending. */
function answerIn211(
  req: Request,
  res: Response,
  next: NextFunction,
  module: string,
  served: ServedInterface,
  platform: Platform,
): void {
  const send = res.json.bind(res);
  const kind = answerKind(module, req);
  res.json = (body: unknown) => {
    const link = res.getHeader('link');
    if (typeof link === 'string') res.setHeader('link', link.split(served.path).join(`${DETAILS_PATH_211}/${module}`));
    if (!kind || !isEnvelope(body) || body.data === undefined || body.data === null) return send(body);
    // an object that cannot be written in 2.1.1 (its location unknown to the hub) is left out of the answer, counted
    const one = (item: unknown) =>
      forReceiver({
        platform,
        module,
        method: req.method,
        url: '',
        body: item,
        kind,
        what: `answer ${req.method}`,
        correlationId: req.correlationId,
      }).then(
        (o) => o.body,
        async (error: unknown) => {
          if (!(error instanceof Unconvertible)) throw error;
          await countLoss({
            platform: platform._id,
            module,
            dropped: [`${kind}:unconvertible`],
            what: `answer ${req.method}: ${error.message}`,
            correlationId: req.correlationId,
          });
          return undefined;
        },
      );
    // publish=false locations never reach 2.1.1 partners (2.1.1 cannot say who may see them)
    const data =
      Array.isArray(body.data) && module === 'locations'
        ? body.data.filter((l) => (l as { publish?: boolean }).publish !== false)
        : body.data;
    Promise.all(Array.isArray(data) ? data.map(one) : [one(data)])
      .then((items) => {
        if (Array.isArray(data)) return send({ ...body, data: items.filter((i) => i !== undefined) });
        if (items[0] !== undefined) return send({ ...body, data: items[0] });
        res.status(404); // as for an unknown object: 2.1.1 cannot carry this one
        return send({
          status_code: 2003,
          status_message: 'this object cannot be written in OCPI 2.1.1',
          timestamp: new Date().toISOString(),
        });
      })
      .catch(next);
    return res;
  };
}

export function v211Router(served: ServedInterface[]): Router {
  const router = Router();
  router.use(`${DETAILS_PATH_211}/:module`, authenticateParty, async (req, res, next) => {
    const module = String(req.params.module);
    if (!(MODULES_211 as readonly string[]).includes(module) || module === 'credentials') return next();
    const { platform } = partyOf(req);
    if (platform.version !== '2.1.1')
      throw unsupportedVersion(`this platform is registered for OCPI ${platform.version ?? '(none)'}: use its URLs`);
    const iface = hubInterfaceFor211(module, platform.roles[0]?.role ?? '');
    const target = served.find((s) => s.identifier === module && s.role === iface && s.path.startsWith(DETAILS_PATH));
    if (!target)
      throw notFound(`the hub serves no ${module} interface for a 2.1.1 ${platform.roles[0]?.role ?? 'party'}`);
    if (!(await convertRequest(req, module, platform))) {
      return void res.json({
        status_code: 1000,
        status_message: 'accepted and held by the hub: it cannot be routed yet (see the operator)',
        timestamp: new Date().toISOString(),
      });
    }
    answerIn211(req, res, next, module, target, platform);
    target.router(req, res, next);
  });
  return router;
}
