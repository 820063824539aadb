// The fan-out step for stored pushes: one outbox delivery per recipient, from the hub, same correlation id.
import { HUB, partyKey, routingHeaders } from '../ocpi/routing';
import { joinUrl } from '../ocpi/url';
import { directory } from '../parties/directory';
import type { Platform } from '../parties/model';
import type { Delivery } from '../outbox/enqueue';
import { agreements, type RoleRef } from '../policy/agreements';
import { recipients } from '../policy/recipients';
import type { ModuleId } from '../policy/roles';
import type { Push } from './types';

export async function deliveriesOf(
  correlationId: string,
  module: ModuleId,
  push: Push,
  sender: Platform,
  origin: RoleRef,
): Promise<Delivery[]> {
  const [dir, agreed] = await Promise.all([directory(), agreements()]);
  // publish=false locations never reach 2.1.1 partners: 2.1.1 has no way to say who may see them
  const hidden = push.audience.kind === 'broadcast' && push.audience.only !== undefined;
  return recipients(dir, agreed, module, push.audience, sender, origin)
    .filter((r) => !(hidden && r.platform.version === '2.1.1'))
    .map((r) => ({
      platform_id: r.platform._id,
      module,
      method: push.method,
      url: joinUrl(r.url, push.subpath),
      body: push.bodyFor ? push.bodyFor(partyKey(r.role)) : push.body,
      headers: { ...routingHeaders(HUB, r.role), 'X-Correlation-ID': correlationId },
      object_key: push.objectKey,
      seq: push.seq,
      scope: push.scope ?? '',
    }));
}
