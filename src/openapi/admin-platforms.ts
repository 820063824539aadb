// The admin API's platform endpoints: declare, register, rotate, suspend, check, keys, traffic of one platform.
import { z } from 'zod';
import { PlatformKeys } from '../admin/keys';
import { CreatePlatform, RegisterPlatform, UpdatePlatform } from '../admin/schema';
import { CheckBody } from '../admin/onboarding';
import { TrafficQuery } from '../admin/traffic';
import * as views from './admin-views';
import { gone, Id, json, platform, table } from './admin-table';
import type { Op } from './operation';

export const platformOperations: Op[] = table('platforms', '/platforms', [
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
    summary: 'Release a platform held for its onboarding check (HUB_ONBOARDING_CHECK=required) without a passing check',
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
]);
