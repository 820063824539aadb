// The functional modules' operations, read from their endpoint tables (app.ts `modules`) and answers.ts.
import { z } from 'zod';
import { PageQuery } from '../ocpi/pagination';
import { Status } from '../ocpi/status';
import { DETAILS_PATH } from '../modules/versions/routes';
import type { ModuleDef, Route } from '../pipeline/types';
import { callerRoles, type Iface } from '../policy/roles';
import { answers, RELAYED, type RouteAnswer } from './answers';
import { ROUTING } from './headers';
import {
  envelopeSchema,
  OcpiRoutingFailure,
  OcpiSuccess,
  ocpiFailures,
  template,
  type AnswerDoc,
  type Op,
} from './operation';

const ROUTING_FAILURE =
  'A routing failure the hub originates comes with HTTP 200 and no data (nor paging or Location headers): 4000 hub error, 4001 unknown receiver, 4002 the receiver did not answer in time, 4003 the receiver is not connected.';
const DIRECT =
  'With OCPI-to-* naming another party the request is relayed to it and its answer (HTTP status, envelope, paging headers with the Link rewritten to a hub proxy URL) comes back unchanged.';

/** Path parameters of a route that declares no schema for them are plain strings. */
function paramsOf(route: Route): z.ZodType | undefined {
  if (route.params) return route.params;
  const names = [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1] as string);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
}

function success(a: RouteAnswer, paged: boolean): { ok: AnswerDoc; created?: AnswerDoc } {
  const headers = [
    'X-Request-ID',
    'X-Correlation-ID',
    'OCPI-Hub-Signature',
    ...(paged ? ['X-Total-Count', 'X-Limit', 'Link'] : []),
    ...(a.headers ?? []),
  ];
  const done = a.data ? envelopeSchema(a.data, [Status.SUCCESS]) : OcpiSuccess;
  const ok: AnswerDoc = {
    description: `${a.relayed ? `${RELAYED} ` : ''}1000${a.data ? ' with data' : ''}. ${ROUTING_FAILURE}`,
    schema: z.union([done, OcpiRoutingFailure]),
    headers,
  };
  return {
    ok,
    ...(a.creates
      ? { created: { description: 'Created: the hub had no such object yet (1000).', schema: done, headers } }
      : {}),
  };
}

function operation(module: ModuleDef, iface: Iface, route: Route, a: RouteAnswer): Op {
  const paged = route.query === PageQuery;
  const body = a.body ?? route.body;
  const { ok, created } = success(a, paged);
  const callers = route.callers ?? callerRoles(module.identifier, iface);
  const notes = [a.description, `Callers: ${callers.join(', ')}.`, a.relayed ? undefined : DIRECT].filter(Boolean);
  return {
    method: route.method,
    path: template(`${DETAILS_PATH}/${module.identifier}/${iface.toLowerCase()}`, route.path),
    tag: module.identifier,
    summary: a.summary,
    description: notes.join(' '),
    auth: 'party',
    params: paramsOf(route),
    query: route.query,
    body,
    bodyOptional: body?.safeParse(undefined).success,
    headers: ROUTING,
    answers: {
      200: ok,
      ...(created ? { 201: created } : {}),
      ...ocpiFailures({ body, notFound: route.path.includes(':') }),
    },
  };
}

/**
 * Every route of every module table, in table order; throws on a route answers.ts does not document, or an entry no
 * route has.
 */
export function ocpiOperations(modules: ModuleDef[]): Op[] {
  const documented = new Set(
    Object.entries(answers).flatMap(([m, entries]) => Object.keys(entries).map((k) => `${m} ${k}`)),
  );
  const ops = modules.flatMap((module) =>
    (Object.entries(module.routes) as [Iface, Route[]][]).flatMap(([iface, routes]) =>
      routes.map((route) => {
        const key = `${iface} ${route.method} ${route.path}`;
        const a = answers[module.identifier]?.[key];
        if (!a) throw new Error(`openapi: ${module.identifier} ${key} has no entry in src/openapi/answers.ts`);
        documented.delete(`${module.identifier} ${key}`);
        return operation(module, iface, route, a);
      }),
    ),
  );
  if (documented.size)
    throw new Error(`openapi: answers.ts documents routes no module has: ${[...documented].join(', ')}`);
  return ops;
}
