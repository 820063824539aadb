// The proxy endpoint: a party calls a hub URL that stands for a URL at another party (page Link, CDR Location,
// response_url); the hub forwards the call there with that party's token and returns the answer.
import { Router } from 'express';
import { z } from 'zod';
import {
  ActiveChargingProfileResult,
  ChargingProfileResult,
  ClearProfileResult,
} from '../modules/chargingprofiles/schema';
import { CommandResult } from '../modules/commands/schema';
import { connectionProblem, notFound } from '../ocpi/errors';
import { parseOcpi } from '../ocpi/validate';
import { authenticateParty, partyOf } from '../parties/auth';
import { directory } from '../parties/directory';
import { relay } from './relay';
import type { Relayed } from './types';
import { findProxy, PROXY_PATH, retireProxy } from '../proxy/store';
import { fromReceiver } from '../bridge/outbound';

// What a party may POST to a response_url, by module: the asynchronous results of 2.2.1 commands and charging profiles.
const RESULTS: Record<string, z.ZodType> = {
  commands: CommandResult,
  chargingprofiles: z.union([ActiveChargingProfileResult, ChargingProfileResult, ClearProfileResult]),
};

export const proxyRouter = Router();

proxyRouter.all(`${PROXY_PATH}/:id`, authenticateParty, async (req, res) => {
  const caller = partyOf(req);
  const proxy = await findProxy(String(req.params.id));
  // Someone else's proxy is as unknown as an expired one: its existence is not revealed.
  if (!proxy || !proxy.issued_to.equals(caller.platform._id)) throw notFound('unknown or expired URL');
  const schema = proxy.kind === 'response_url' ? RESULTS[proxy.module] : undefined;
  const result = proxy.kind === 'response_url' && proxy.module === 'commands';
  // a 2.1.1 CPO posts a 2.1.1 CommandResponse to the response_url it was given
  const sent: unknown = result ? await fromReceiver(caller.platform, 'commands', 'CommandResult', req.body) : req.body;
  const body = schema ? parseOcpi(schema, sent) : sent;
  const dir = await directory();
  const platform = dir.platform(proxy.forward_to);
  const role = platform?.roles.find(
    (r) => r.country_code === proxy.to.country_code && r.party_id === proxy.to.party_id,
  );
  if (!platform || !role || !platform.registered)
    throw connectionProblem('the party this URL leads to is no longer connected');
  const answer: Relayed = await relay({
    correlationId: req.correlationId,
    module: proxy.module,
    from: proxy.from,
    requester: caller.platform,
    target: { platform, role },
    method: req.method,
    url: proxy.url,
    body: req.method === 'GET' ? undefined : body,
    ...(result ? { kind: 'CommandResult' } : {}),
  });
  if (proxy.once && answer.status < 300) await retireProxy(proxy._id);
  res.status(answer.status).set(answer.headers).json(answer.body);
});
