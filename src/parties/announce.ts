// Status changes of a party are PUT as ClientInfo (2.2.1 hubclientinfo) to every connected party that implements
// the hubclientinfo Receiver, through the outbox so an announcement is not lost.
import { joinUrl } from '../ocpi/url';
import { enqueue } from '../outbox/enqueue';
import { agreements } from '../policy/agreements';
import { directory, endpointOf } from './directory';
import type { Platform, RoleEntry } from './model';

export const clientInfo = (role: RoleEntry, platform: Platform) => ({
  party_id: role.party_id,
  country_code: role.country_code,
  role: role.role,
  status: role.status,
  last_updated: (role.status_at ?? platform.updated_at).toISOString(),
});

export async function announceStatus(platform: Platform | null, correlationId?: string): Promise<void> {
  if (!platform) return;
  const [dir, agreed] = await Promise.all([directory(), agreements()]);
  const deliveries = dir.connected().flatMap((receiver) => {
    const url = endpointOf(receiver, 'hubclientinfo', 'RECEIVER');
    if (!url || receiver._id.equals(platform._id)) return [];
    // ClientInfo of a party goes only to parties that may trade with it
    const visible = platform.roles.filter((role) => receiver.roles.some((r) => agreed.mayTrade(role, r)));
    return visible.map((role) => ({
      platform_id: receiver._id,
      module: 'hubclientinfo',
      method: 'PUT' as const,
      url: joinUrl(url, `${encodeURIComponent(role.country_code)}/${encodeURIComponent(role.party_id)}`),
      body: clientInfo(role, platform),
      // a configuration module: no routing headers (SPEC-NOTES)
      headers: (correlationId ? { 'X-Correlation-ID': correlationId } : {}) as Record<string, string>,
      object_key: `clientinfo*${role.role}*${role.country_code}*${role.party_id}`,
      seq: (role.status_at ?? platform.updated_at).getTime(), // status changes of one role, in time order
    }));
  });
  await enqueue(deliveries);
}

const statusKey = (p: Platform) => p.roles.map((r) => `${r.role}:${r.country_code}:${r.party_id}:${r.status}`).sort().join(',');

/** Announces `after` only when a role or its status differs from `before` (e.g. a PUT that changed nothing). */
export async function announceChange(before: Platform, after: Platform | null, correlationId?: string): Promise<void> {
  if (after && statusKey(before) !== statusKey(after)) await announceStatus(after, correlationId);
}
