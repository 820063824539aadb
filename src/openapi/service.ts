// The hub's endpoints that are not OCPI (tag operations): its public keys, health, metrics, this document and the
// operator dashboard. Their routers are plain express, so this table describes them.
import { z } from 'zod';
import type { AnswerDoc, Op } from './operation';

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
export const serviceSchemas = { PublicJwk, Jwks, Health, Readiness };

const IDS = ['X-Request-ID', 'X-Correlation-ID'];
const plain = (description: string, schema: z.ZodType, media = 'application/json'): AnswerDoc => ({
  description,
  schema,
  media,
  headers: IDS,
});
export const serviceOperations: Op[] = [
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
