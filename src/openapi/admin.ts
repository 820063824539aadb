// The admin API's endpoints: its routers are plain express, so these tables name, for each, the zod schemas
// the route parses (imported from the route files) and the answers it gives (admin-views.ts); the platform
// endpoints are in admin-platforms.ts.
import { z } from 'zod';
import { CreateAgreement } from '../admin/agreements';
import { PlatformKeys, Rotate } from '../admin/keys';
import { Query as OutboxQuery } from '../admin/outbox';
import { Params as ErasureParams } from '../admin/tokens';
import { TrafficQuery } from '../admin/traffic';
import { AuditCheckpoints, AuditQuery } from '../admin/audit';
import * as views from './admin-views';
import { platformOperations } from './admin-platforms';
import { gone, Id, json, table } from './admin-table';
import { Jwks } from './service';
import type { Op } from './operation';

export { adminErrors } from './admin-table';

/** Named in components.schemas (request bodies the admin files export, and the answers). */
export const adminSchemas = { ...views, CreateAgreement, PlatformKeys, RotateKeys: Rotate };

export const adminOperations: Op[] = [
  ...platformOperations,
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
