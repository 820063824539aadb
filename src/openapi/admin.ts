// The admin API's endpoints: its routers are plain express, so this table names, for each, the zod schemas
// the route parses (imported from the route files) and the answers it gives (admin-views.ts).
import { z } from 'zod';
import { CreateAgreement } from '../admin/agreements';
import { PlatformKeys, Rotate } from '../admin/keys';
import { Query as OutboxQuery } from '../admin/outbox';
import { CreatePlatform, RegisterPlatform, UpdatePlatform } from '../admin/schema';
import { Params as ErasureParams } from '../admin/tokens';
import { CheckBody } from '../admin/onboarding';
import { TrafficQuery } from '../admin/traffic';
import { AuditCheckpoints, AuditQuery } from '../admin/audit';
import * as views from './admin-views';
import { Jwks } from './hub';
import type { AnswerDoc, Op } from './operation';

const IDS = ['X-Request-ID', 'X-Correlation-ID'];
const error = (description: string): AnswerDoc => ({ description, schema: views.AdminErrorBody, headers: IDS });

/** components.responses of the admin API: `{"error": "...", "details"?: [...]}`. */
export const adminErrors = {
  AdminBadRequest: error('Invalid JSON, or a field invalid: `details` lists `{path, message}` per problem.'),
  AdminUnauthorized: error('Missing or wrong admin token.'),
  AdminNotFound: error('No such object.'),
  AdminConflict: error(
    "The object's state forbids this (deleted, already registered, a role another platform holds, a row being delivered...).",
  ),
  AdminPayloadTooLarge: error('The body is larger than 100 kB.'),
  AdminBadGateway: error(
    "The party's side of a hub-initiated handshake failed: `details[0].ocpi_status_code` says how (3001, 3002, 3003...).",
  ),
  AdminServerError: error('An unexpected error in the hub.'),
} satisfies Record<string, AnswerDoc>;

/** Named in components.schemas (request bodies the admin files export, and the answers). */
export const adminSchemas = { ...views, CreateAgreement, PlatformKeys, RotateKeys: Rotate };

const Id = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });
const json = (description: string, schema: z.ZodType): AnswerDoc => ({ description, schema, headers: IDS });
const gone: AnswerDoc = { description: 'Done, no content.', headers: IDS };
const FAIL = {
  400: 'AdminBadRequest',
  401: 'AdminUnauthorized',
  404: 'AdminNotFound',
  409: 'AdminConflict',
  413: 'AdminPayloadTooLarge',
  500: 'AdminServerError',
  502: 'AdminBadGateway',
} as const;

type Spec = Omit<Op, 'auth' | 'answers' | 'tag' | 'path'> & {
  ok: Record<string, AnswerDoc>;
  fails?: (keyof typeof FAIL)[];
};

function table(tag: string, base: string, specs: (Spec & { at: string })[]): Op[] {
  return specs.map(({ at, ok, fails = [], ...op }) => {
    const failures: Record<number, string> = { 401: FAIL[401], 500: FAIL[500] };
    for (const status of [...fails, ...(op.body ? ([400, 413] as const) : [])]) failures[status] = FAIL[status];
    // parseAdmin reads a missing body as {}
    const bodyOptional = op.body?.safeParse({}).success;
    return {
      ...op,
      bodyOptional,
      tag: `admin ${tag}`,
      path: `/admin${base}${at}`,
      auth: 'admin',
      answers: { ...ok, ...failures },
    };
  });
}

const platform = (description: string) => ({ 200: json(description, views.PlatformView) });

export const adminOperations: Op[] = [
  ...table('platforms', '/platforms', [
    {
      method: 'POST',
      at: '',
      summary: 'Declare a platform and its roles',
      description: "The answer carries its Token A and the hub's versions URL, to hand to the party.",
      body: CreatePlatform,
      ok: { 201: json('Created.', views.PlatformCreated) },
      fails: [409],
    },
    {
      method: 'GET',
      at: '',
      summary: 'All platforms, with roles, status and endpoints; never a secret',
      ok: { 200: json('The platforms.', z.array(views.PlatformView)) },
    },
    {
      method: 'GET',
      at: '/{id}',
      summary: 'One platform, with the depth and age of its outbox',
      params: Id,
      ok: { 200: json('The platform.', views.PlatformDetail) },
      fails: [404],
    },
    {
      method: 'PATCH',
      at: '/{id}',
      summary:
        "Rename, change roles (in force at the party's next credentials POST or PUT), token encoding, delivery policy",
      params: Id,
      body: UpdatePlatform,
      ok: platform('The platform.'),
      fails: [404, 409],
    },
    {
      method: 'DELETE',
      at: '/{id}',
      summary: 'Delete: the hub DELETEs its credentials at the party; SUSPENDED for good',
      params: Id,
      ok: { 204: gone },
      fails: [404],
    },
    {
      method: 'POST',
      at: '/{id}/register',
      summary: "Hub-initiated registration with the party's versions URL and the token it issued",
      params: Id,
      body: RegisterPlatform,
      ok: platform('Registered.'),
      fails: [404, 409, 502],
    },
    {
      method: 'POST',
      at: '/{id}/token-a',
      summary: 'A new Token A; the old one dies',
      params: Id,
      ok: { 200: json('The new Token A.', views.TokenA) },
      fails: [404, 409],
    },
    {
      method: 'POST',
      at: '/{id}/rotate',
      summary: 'Hub-initiated credentials PUT: new tokens both ways',
      params: Id,
      ok: platform('Rotated.'),
      fails: [404, 409, 502],
    },
    {
      method: 'POST',
      at: '/{id}/suspend',
      summary: "Refuse the platform's traffic (403); its roles turn OFFLINE",
      params: Id,
      ok: platform('Suspended.'),
      fails: [404, 409],
    },
    {
      method: 'POST',
      at: '/{id}/unsuspend',
      summary: 'Accept its traffic again: CONNECTED (PLANNED if never registered)',
      params: Id,
      ok: platform('Back.'),
      fails: [404, 409],
    },
    {
      method: 'POST',
      at: '/{id}/check',
      summary:
        'Run the conformance check of the registered party with the token it issued; the report is kept, a held platform released if it passes',
      params: Id,
      body: CheckBody,
      ok: { 200: json('The report.', views.CheckReport) },
      fails: [404, 409],
    },
    {
      method: 'GET',
      at: '/{id}/check',
      summary: 'The latest check report',
      params: Id,
      ok: { 200: json('The report.', views.CheckReport) },
      fails: [404],
    },
    {
      method: 'POST',
      at: '/{id}/accept',
      summary:
        'Release a platform held for its onboarding check (HUB_ONBOARDING_CHECK=required) without a passing check',
      params: Id,
      ok: platform('Released: its roles are CONNECTED.'),
      fails: [404, 409],
    },
    {
      method: 'GET',
      at: '/{id}/traffic',
      summary:
        "The platform's traffic per minute: requests in, relays and deliveries out, errors, p95 latencies, outbox depth",
      params: Id,
      query: TrafficQuery,
      ok: { 200: json('The minutes.', views.PlatformTraffic) },
      fails: [400, 404],
    },
    {
      method: 'PUT',
      at: '/{id}/keys',
      summary:
        "The platform's public JWKs: signing (it must then sign every request) and encryption (the hub encrypts to it); null removes one",
      params: Id,
      body: PlatformKeys,
      ok: platform('The platform.'),
      fails: [404],
    },
  ]),
  ...table('traffic', '/traffic', [
    {
      method: 'GET',
      at: '',
      summary: "Requests in and out per platform in 48 slots over the last hours (the platforms list's sparklines)",
      query: TrafficQuery,
      ok: { 200: json('The series per platform id.', views.TrafficSparklines) },
      fails: [400],
    },
  ]),
  ...table('keys', '/keys', [
    {
      method: 'GET',
      at: '',
      summary: "The hub's published keys (as /.well-known/jwks.json)",
      ok: { 200: json('The JWK set.', Jwks) },
    },
    {
      method: 'POST',
      at: '/rotate',
      summary: "Rotate the hub's signing and/or encryption key; retired keys stay published for HUB_KEY_GRACE_DAYS",
      body: Rotate,
      ok: { 200: json('The JWK set after rotation.', Jwks) },
    },
  ]),
  ...table('agreements', '/agreements', [
    {
      method: 'POST',
      at: '',
      summary: 'Agree a CPO and an eMSP (for all modules, or those listed)',
      body: CreateAgreement,
      ok: { 201: json('Created.', views.Agreement) },
      fails: [409],
    },
    {
      method: 'GET',
      at: '',
      summary: 'All roaming agreements, oldest first',
      ok: { 200: json('The agreements.', z.array(views.Agreement)) },
    },
    { method: 'DELETE', at: '/{id}', summary: 'End an agreement', params: Id, ok: { 204: gone }, fails: [404] },
  ]),
  ...table('tokens', '/tokens', [
    {
      method: 'DELETE',
      at: '/{country_code}/{party_id}/{uid}',
      summary: 'Data-subject erasure of a token: tokens, cdr_token of sessions and CDRs, outbox payloads',
      params: ErasureParams,
      ok: { 200: json('What was erased.', views.Erasure) },
      fails: [400],
    },
  ]),
  ...table('audit', '/audit', [
    {
      method: 'GET',
      at: '',
      summary: 'Search the audit log, newest first, paged by cursor',
      query: AuditQuery,
      ok: { 200: json('A page of entries; next_cursor when there are more.', views.AuditPage) },
      fails: [400],
    },
    {
      method: 'GET',
      at: '/verify',
      summary:
        "Recompute every writer's keyed chain; this process's own writer is also checked against what it knows it stored",
      ok: {
        200: json(
          'The finding: `ok` says whether the log is intact; warnings are not tampering.',
          views.AuditVerification,
        ),
      },
    },
    {
      method: 'POST',
      at: '/verify',
      summary:
        "The same, also checking checkpoints taken from the hub's logs ('audit checkpoint' lines): a truncated tail shows",
      body: AuditCheckpoints,
      ok: { 200: json('The finding.', views.AuditVerification) },
      fails: [400],
    },
  ]),
  ...table('outbox', '/outbox', [
    {
      method: 'GET',
      at: '',
      summary: 'Deliveries by state, receiver and module (never their payload or URL)',
      query: OutboxQuery,
      ok: { 200: json('A page of rows and the total.', views.OutboxPage) },
      fails: [400],
    },
    {
      method: 'POST',
      at: '/{id}/retry',
      summary: 'Queue a dead, dropped or superseded row again, due now',
      params: Id,
      ok: { 200: json('The row.', views.OutboxEntry) },
      fails: [404, 409],
    },
    {
      method: 'DELETE',
      at: '/{id}',
      summary: 'Remove a row (not while it is being delivered)',
      params: Id,
      ok: { 204: gone },
      fails: [404, 409],
    },
  ]),
];
