// Status changes of a party are PUT as ClientInfo (2.2.1 hubclientinfo) to every connected party that implements
// the hubclientinfo Receiver, through the outbox so an announcement is not lost.
import { joinUrl } from '../ocpi/url';
import { clientInfo } from '../parties/announce';
import { directory, endpointOf } from '../parties/directory';
import type { Platform } from '../parties/model';
import { agreements } from '../policy/agreements';
import { enqueue } from './enqueue';

export async function announceToPartners(platform: Platform, correlationId?: string): Promise<void> {
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
      // a configuration module: no routing headers (2.2.1 transport_and_format: routing headers are for functional
      // modules)
      headers: (correlationId ? { 'X-Correlation-ID': correlationId } : {}) as Record<string, string>,
      object_key: `clientinfo*${role.role}*${role.country_code}*${role.party_id}`,
      seq: (role.status_at ?? platform.updated_at).getTime(), // status changes of one role, in time order
    }));
  });
  await enqueue(deliveries);
}
