// How the operator sees a platform: everything but its secrets.
import type { Platform } from '../parties/store';
import { roleKey } from '../parties/store';

export function platformView(p: Platform) {
  const roles = p.roles.map((r) => ({
    role: r.role,
    country_code: r.country_code,
    party_id: r.party_id,
    status: r.status,
  }));
  const inForce = new Set(p.roles.map(roleKey));
  const pending = p.declared_roles.some((r) => !inForce.has(roleKey(r))) || p.declared_roles.length !== p.roles.length;
  return {
    id: String(p._id),
    name: p.name,
    roles,
    ...(pending
      ? {
          pending_roles: p.declared_roles.map((r) => ({
            role: r.role,
            country_code: r.country_code,
            party_id: r.party_id,
          })),
        }
      : {}),
    endpoints: p.endpoints.map((e) => ({ identifier: e.identifier, role: e.role, url: e.url })),
    registered: p.registered,
    suspended: p.suspended,
    version: p.version ?? null,
    versions_url: p.versions_url ?? null,
    token_encoding: p.token_encoding,
    token_sent_as: p.token_sent_as ?? null,
    delivery: p.delivery ?? {},
    default_time_zone: p.default_time_zone ?? null,
    conversion_dropped: p.conversion_dropped ?? {},
    keys: { signing: p.keys?.signing ?? null, encryption: p.keys?.encryption ?? null },
    last_seen_at: p.last_seen_at ?? null,
    onboarding: p.onboarding ?? null,
    created_at: p.created_at,
    updated_at: p.updated_at,
    ...(p.deleted_at ? { deleted_at: p.deleted_at } : {}),
  };
}
