// What the admin API answers, as zod schemas: the routes build their answers with plain functions (view.ts,
// the outbox and audit views), so they are described here, and test/openapi holds them to the real answers.
import { z } from 'zod';
import { UpdatePlatform } from '../admin/schema';
import { ConnectionStatus } from '../modules/hubclientinfo/schema';
import { Endpoint } from '../modules/versions/schema';
import { CountryCode, PartyId, Role } from '../ocpi/types';
import { OUTBOX_STATES } from '../outbox/model';
import { FUNCTIONAL_MODULES } from '../policy/roles';

const Instant = z.iso.datetime();
const Count = z.number().int().min(0);
const Jwk = z.record(z.string(), z.unknown());
const Party = z.object({ country_code: CountryCode, party_id: PartyId });
const DeclaredRoleView = Party.extend({ role: Role });

export const PlatformView = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(DeclaredRoleView.extend({ status: ConnectionStatus })),
  /** Declared by the operator, in force at the party's next credentials POST or PUT. */
  pending_roles: z.array(DeclaredRoleView).optional(),
  endpoints: z.array(Endpoint),
  registered: z.boolean(),
  suspended: z.boolean(),
  version: z.string().nullable(),
  versions_url: z.string().nullable(),
  token_encoding: z.enum(['base64', 'raw']),
  /** How the party last sent its token to the hub; null before its first call. */
  token_sent_as: z.enum(['base64', 'raw']).nullable(),
  delivery: UpdatePlatform.shape.delivery.unwrap(),
  /** Given to the party's locations that carry no time_zone (OCPI 2.1.1 partners). */
  default_time_zone: z.string().nullable(),
  /** Fields dropped at the version boundary (no counterpart in the other OCPI version), per module. */
  conversion_dropped: z.record(z.string(), Count),
  keys: z.object({ signing: Jwk.nullable(), encryption: Jwk.nullable() }),
  last_seen_at: Instant.nullable(),
  /** HUB_ONBOARDING_CHECK: held (PLANNED until released), passed or accepted; the last check's verdict. */
  onboarding: z
    .object({
      state: z.enum(['held', 'passed', 'accepted']).optional(),
      verdict: z.enum(['pass', 'warn', 'fail']).optional(),
      checked_at: Instant.optional(),
      accepted_at: Instant.optional(),
    })
    .nullable(),
  created_at: Instant,
  updated_at: Instant,
  deleted_at: Instant.optional(),
});

export const PlatformDetail = PlatformView.extend({
  outbox: z.object({ pending: Count, in_flight: Count, dead: Count, oldest_pending_age_seconds: Count.nullable() }),
  /** Records from an OCPI 2.1.1 party the hub could not convert (e.g. a session naming an unknown contract), held. */
  held: z.object({
    count: Count,
    latest: z.array(z.object({ module: z.string(), method: z.string(), reason: z.string(), created_at: Instant })),
  }),
});

export const PlatformCreated = PlatformView.extend({ token_a: z.string(), versions_url: z.url() });

export const TokenA = z.object({ token_a: z.string() });

export const Agreement = z.object({
  id: z.string(),
  cpo: Party,
  emsp: Party,
  modules: z.array(z.enum(FUNCTIONAL_MODULES)).nullable(),
  created_at: Instant,
});

export const OutboxEntry = z.object({
  id: z.string(),
  platform_id: z.string(),
  module: z.string(),
  method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']),
  object_key: z.string(),
  state: z.enum([...OUTBOX_STATES, 'in_flight']),
  attempts: Count,
  next_at: Instant,
  last_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: Instant,
  delivered_at: Instant.nullable(),
});

export const OutboxPage = z.object({ total: Count, entries: z.array(OutboxEntry) });

export const Erasure = z.object({
  erased: z.object({ tokens: Count, sessions: Count, cdrs: Count, locations: Count, outbox_rows: Count }),
});

const text = z.string().optional();
export const AuditEntry = z.object({
  id: z.string(),
  writer: z.string(),
  seq: Count,
  at: Instant,
  prev: z.string(),
  hash: z.string(),
  action: z.string(),
  from: text,
  to: text,
  module: text,
  object_id: text,
  request_id: text,
  correlation_id: text,
  signature_digest: text,
  signature: text,
  outcome: z.string(),
  platform_id: text,
});

export const AuditPage = z.object({ entries: z.array(AuditEntry), next_cursor: z.string().optional() });

export const AuditVerification = z.object({
  ok: z.boolean(),
  writers: Count,
  entries: Count,
  problems: z.array(z.object({ writer: z.string(), seq: Count.optional(), problem: z.string() })),
  warnings: z.array(z.object({ writer: z.string(), seq: Count.optional(), problem: z.string() })),
});

export const AdminErrorBody = z.object({ error: z.string(), details: z.array(z.unknown()).optional() });

const CheckVerdict = z.enum(['pass', 'warn', 'fail']);
const Exchange = z.object({
  request: z.object({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()) }),
  response: z
    .object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() })
    .optional(),
  error: z.string().optional(),
  ms: Count,
});

/** The conformance check of a partner: each check with its spec rule, verdict and evidence (token masked). */
export const CheckReport = z.object({
  versions_url: z.string(),
  role: z.string(),
  version: z.string().optional(),
  token_encoding: z.enum(['base64', 'raw']).optional(),
  started_at: Instant,
  duration_ms: Count,
  verdict: CheckVerdict,
  counts: z.object({ pass: Count, warn: Count, fail: Count }),
  checks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      rule: z.string(),
      verdict: CheckVerdict,
      detail: z.string(),
      evidence: z.array(Exchange),
    }),
  ),
});

const Ms = z.number().min(0).nullable();
export const PlatformTraffic = z.object({
  hours: Count,
  /** Minutes with traffic, oldest first; p95s are the upper bound of the latency bucket (ms). */
  minutes: z.array(
    z.object({
      t: Instant,
      in: Count,
      out: Count,
      errors: Count,
      relay_p95_ms: Ms,
      delivery_p95_ms: Ms,
      outbox: Count.nullable(),
    }),
  ),
});

export const TrafficSparklines = z.object({
  hours: Count,
  slots: Count,
  platforms: z.record(z.string(), z.array(Count)),
});
