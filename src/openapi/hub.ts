// The hub's endpoints outside the module tables: versions, credentials, hubclientinfo, proxy URLs, the JWKS,
// health, metrics and this document. Their routers are plain express, so this table describes them.
import { z } from 'zod';
import {
  ActiveChargingProfileResult,
  ChargingProfileResult,
  ClearProfileResult,
} from '../modules/chargingprofiles/schema';
import { CommandResult } from '../modules/commands/schema';
import { interfaces as credentialsInterfaces } from '../modules/credentials/routes';
import { Credentials } from '../modules/credentials/schema';
import { interfaces as hubclientinfoInterfaces } from '../modules/hubclientinfo/routes';
import { ClientInfo } from '../modules/hubclientinfo/schema';
import { DETAILS_PATH, VERSIONS_PATH } from '../modules/versions/routes';
import { VersionDetails, VersionList } from '../modules/versions/schema';
import { PageQuery } from '../ocpi/pagination';
import { Status } from '../ocpi/status';
import { PROXY_PATH } from '../proxy/store';
import { envelopeSchema, ocpiFailures, OcpiSuccess, registrationFailed, type AnswerDoc, type Op } from './operation';

export const PublicJwk = z.object({
  kty: z.enum(['OKP', 'EC']),
  crv: z.enum(['Ed25519', 'X25519', 'P-256']),
  x: z.string(),
  y: z.string().optional().describe('P-256 only'),
  kid: z.string(),
  use: z.enum(['sig', 'enc']),
  alg: z.enum(['EdDSA', 'ECDH-ES+A256KW']),
});
export const Jwks = z.object({ keys: z.array(PublicJwk) });
const Health = z.object({ status: z.literal('ok') });
const Readiness = z.object({
  status: z.enum(['ready', 'not ready']),
  database: z.boolean(),
  worker: z.boolean(),
  jobs: z.boolean(),
  audit: z.boolean(),
});

/** Named in components.schemas besides the modules' own. */
export const hubSchemas = { PublicJwk, Jwks, Health, Readiness };

const IDS = ['X-Request-ID', 'X-Correlation-ID'];
const SIGNED = [...IDS, 'OCPI-Hub-Signature'];
const ok = (description: string, data?: z.ZodType, headers = SIGNED): AnswerDoc => ({
  description,
  schema: data ? envelopeSchema(data, [Status.SUCCESS]) : OcpiSuccess,
  headers,
});
const plain = (description: string, schema: z.ZodType, media = 'application/json'): AnswerDoc => ({
  description,
  schema,
  media,
  headers: IDS,
});
// Where the modules mount them (their ServedInterface entries), so the document follows any move.
const CREDENTIALS = credentialsInterfaces[0]?.path ?? `${DETAILS_PATH}/credentials`;
const HUBCLIENTINFO = hubclientinfoInterfaces[0]?.path ?? `${DETAILS_PATH}/hubclientinfo`;
const ProxyId = z.object({ id: z.string().min(1) });

export const hubOperations: Op[] = [
  {
    method: 'GET',
    path: VERSIONS_PATH,
    tag: 'versions',
    summary: 'The OCPI versions the hub speaks (2.2.1)',
    description: 'Token A or Token C.',
    auth: 'registration',
    answers: { 200: ok('1000 with the version list.', VersionList), ...ocpiFailures({}) },
  },
  {
    method: 'GET',
    path: DETAILS_PATH,
    tag: 'versions',
    summary: "The hub's 2.2.1 endpoints, one per module and interface",
    description: 'Token A or Token C.',
    auth: 'registration',
    answers: { 200: ok('1000 with the version details.', VersionDetails), ...ocpiFailures({}) },
  },
  {
    method: 'GET',
    path: CREDENTIALS,
    tag: 'credentials',
    summary: "The hub's credentials",
    description:
      "With Token A: the hub's credentials carrying Token A; once registered: carrying the Token C the party must use. One role, HUB.",
    auth: 'registration',
    answers: { 200: ok("1000 with the hub's credentials.", Credentials), ...ocpiFailures({}) },
  },
  {
    method: 'POST',
    path: CREDENTIALS,
    tag: 'credentials',
    summary: 'Register (with Token A)',
    description:
      "The party sends its Token B, versions URL and roles (exactly those the operator declared, else 403). The hub fetches the party's versions and details with Token B, stores its endpoints and answers its own credentials with Token C; Token A then dies. A failed POST does not use Token A up.",
    auth: 'registration',
    body: Credentials,
    answers: {
      200: ok("1000 with the hub's credentials and the new Token C.", Credentials),
      ...ocpiFailures({ body: true, methodNotAllowed: true }),
      400: registrationFailed,
    },
  },
  {
    method: 'PUT',
    path: CREDENTIALS,
    tag: 'credentials',
    summary: 'Update the registration (with Token C)',
    description: "The hub re-fetches the party's versions and endpoints and issues a new Token C.",
    auth: 'registration',
    body: Credentials,
    answers: {
      200: ok("1000 with the hub's credentials and the new Token C.", Credentials),
      ...ocpiFailures({ body: true, methodNotAllowed: true }),
      400: registrationFailed,
    },
  },
  {
    method: 'DELETE',
    path: CREDENTIALS,
    tag: 'credentials',
    summary: 'Unregister (with Token C): access ends both ways',
    auth: 'registration',
    answers: { 200: ok('1000, no data.'), ...ocpiFailures({ methodNotAllowed: true }) },
  },
  {
    method: 'GET',
    path: HUBCLIENTINFO,
    tag: 'hubclientinfo',
    summary: 'The parties connected to the hub and their status',
    description:
      "Only the parties the caller may trade with (roaming agreements) and its own roles; oldest status change first. On every change the hub also PUTs the ClientInfo to each connected party's hubclientinfo Receiver.",
    auth: 'party',
    query: PageQuery,
    answers: {
      200: ok('1000 with a page of ClientInfo.', z.array(ClientInfo), [...SIGNED, 'X-Total-Count', 'X-Limit', 'Link']),
      ...ocpiFailures({}),
    },
  },
  {
    method: 'GET',
    path: `${PROXY_PATH}/{id}`,
    tag: 'proxy',
    summary: "Follow a hub proxy URL (a relayed page's Link, a relayed CDR's Location)",
    description:
      "The hub calls the URL it stands for with that party's token and returns its answer unchanged. Only the party the URL was issued to may use it; any other gets 404. 4003 (HTTP 200) when the party behind it is no longer connected.",
    auth: 'party',
    params: ProxyId,
    answers: {
      200: {
        description: "The other party's answer, or 4003 when it is no longer connected.",
        schema: envelopeSchema(z.unknown().optional()),
        headers: SIGNED,
      },
      ...ocpiFailures({ notFound: true }),
    },
  },
  {
    method: 'POST',
    path: `${PROXY_PATH}/{id}`,
    tag: 'proxy',
    summary: 'Post an asynchronous result to a hub response_url',
    description:
      'The response_url the hub gave in a command or charging profile request: the result (CommandResult, ActiveChargingProfileResult, ChargingProfileResult or ClearProfileResult) is checked and passed on to the party that asked; the URL then expires.',
    auth: 'party',
    params: ProxyId,
    body: z.union([CommandResult, ActiveChargingProfileResult, ChargingProfileResult, ClearProfileResult]),
    answers: {
      200: {
        description: "The asking party's answer, or 4003 when it is no longer connected.",
        schema: envelopeSchema(z.unknown().optional()),
        headers: SIGNED,
      },
      ...ocpiFailures({ body: true, notFound: true }),
    },
  },
  {
    method: 'GET',
    path: '/.well-known/jwks.json',
    tag: 'operations',
    summary:
      "The hub's public keys: Ed25519 (sig) to verify OCPI-Hub-Signature, X25519 and P-256 (enc) to encrypt bodies to the hub",
    description: 'Retired keys stay listed for HUB_KEY_GRACE_DAYS.',
    auth: 'none',
    answers: { 200: plain('The JWK set.', Jwks) },
  },
  {
    method: 'GET',
    path: '/healthz',
    tag: 'operations',
    summary: 'Liveness: the process answers',
    auth: 'none',
    answers: { 200: plain('Alive.', Health) },
  },
  {
    method: 'GET',
    path: '/readyz',
    tag: 'operations',
    summary: 'Readiness: database reachable, outbox worker and jobs running, audit backlog below its limit',
    auth: 'none',
    answers: { 200: plain('Ready.', Readiness), 503: plain('Not ready: the flags say what is missing.', Readiness) },
  },
  {
    method: 'GET',
    path: '/metrics',
    tag: 'operations',
    summary: 'Prometheus metrics (text exposition format)',
    auth: 'none',
    answers: { 200: plain('Metrics.', z.string(), 'text/plain') },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    tag: 'operations',
    summary: 'This document',
    auth: 'none',
    answers: { 200: plain('The OpenAPI 3.1 document.', z.looseObject({ openapi: z.string() })) },
  },
  {
    method: 'GET',
    path: '/admin/ui/',
    tag: 'operations',
    summary: 'The operator dashboard: sign in with the admin token',
    description: 'Static HTML, CSS and scripts, served without the token; its calls to the admin API carry it.',
    auth: 'none',
    answers: { 200: plain('An HTML page.', z.string(), 'text/html') },
  },
  {
    method: 'GET',
    path: '/docs',
    tag: 'operations',
    summary: 'This document in Swagger UI',
    auth: 'none',
    answers: { 200: plain('An HTML page.', z.string(), 'text/html') },
  },
];
