// A party's status changed: announced as ClientInfo (2.2.1 hubclientinfo) through the hook outbox/announce.ts fills.
import type { Platform, RoleEntry } from './model';

export const clientInfo = (role: RoleEntry, platform: Platform) => ({
  party_id: role.party_id,
  country_code: role.country_code,
  role: role.role,
  status: role.status,
  last_updated: (role.status_at ?? platform.updated_at).toISOString(),
});

/** Who turns a status change into ClientInfo deliveries (outbox/announce.ts, set by app.ts): an upward hook. */
type Announcer = (platform: Platform, correlationId?: string) => Promise<void>;
let announcer: Announcer | undefined;
export const setAnnouncer = (fn: Announcer) => void (announcer = fn);

export async function announceStatus(platform: Platform | null, correlationId?: string): Promise<void> {
  if (platform && announcer) await announcer(platform, correlationId);
}

const statusKey = (p: Platform) =>
  p.roles
    .map((r) => `${r.role}:${r.country_code}:${r.party_id}:${r.status}`)
    .sort()
    .join(',');

/** Announces `after` only when a role or its status differs from `before` (e.g. a PUT that changed nothing). */
export async function announceChange(before: Platform, after: Platform | null, correlationId?: string): Promise<void> {
  if (after && statusKey(before) !== statusKey(after)) await announceStatus(after, correlationId);
}
