// Admin API request bodies (plain JSON, not OCPI envelopes) and its error type.
import { z } from 'zod';
import { CountryCode, PartyId } from '../ocpi/types';
import { FUNCTIONAL_MODULES } from '../policy/roles';

// HUB is the hub's own role; SCSP and NAP have no visibility rules in this hub yet, so they are refused.
export const PartyRole = z.enum(['CPO', 'EMSP', 'NSP', 'OTHER'], {
  error: 'role must be one of CPO, EMSP, NSP, OTHER (SCSP and NAP are not supported by this hub yet)',
});

export const DeclaredRole = z.strictObject({ role: PartyRole, country_code: CountryCode, party_id: PartyId });

const uniqueRoles = (roles: z.infer<typeof DeclaredRole>[]) =>
  new Set(roles.map((r) => `${r.role}:${r.country_code.toUpperCase()}:${r.party_id.toUpperCase()}`)).size ===
  roles.length;

const Roles = z
  .array(DeclaredRole)
  .min(1, 'a platform needs at least one role')
  .refine(uniqueRoles, 'roles must not repeat');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const CreatePlatform = z.strictObject({ name: z.string().trim().min(1).max(100), roles: Roles });
export type CreatePlatform = z.infer<typeof CreatePlatform>;

export const UpdatePlatform = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  roles: Roles.optional(),
  token_encoding: z.enum(['base64', 'raw']).optional(),
  // given to the party's locations that carry no time_zone (OCPI 2.1.1 partners): an IANA name this runtime knows
  default_time_zone: z
    .string()
    .refine(isTimeZone, 'default_time_zone must be an IANA time zone, e.g. Europe/Brussels')
    .optional(),
  // delivery policy overrides by module ('*' for all modules): see outbox/policy.ts
  delivery: z
    .partialRecord(
      z.enum(['*', ...FUNCTIONAL_MODULES, 'hubclientinfo']),
      z.strictObject({
        max_attempts: z.number().int().min(1).optional(),
        max_age_hours: z.number().positive().optional(),
        when_offline: z.enum(['wait', 'drop']).optional(),
      }),
    )
    .optional(),
});
export type UpdatePlatform = z.infer<typeof UpdatePlatform>;

export const RegisterPlatform = z.strictObject({
  versions_url: z.url(),
  token: z.string().min(1).max(64),
});
export type RegisterPlatform = z.infer<typeof RegisterPlatform>;

export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
  }
}

export function parseAdmin<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AdminError(
    400,
    `invalid request: ${details.map((d) => `${d.path || 'body'}: ${d.message}`).join('; ')}`,
    details,
  );
}
