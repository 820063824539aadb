// Receivers that cannot take deliveries now: suspended, not (yet) registered, or every role OFFLINE. Their rows
// wait and resume in order when they are back, or, under a 'drop' policy, are dropped (the receiver resyncs by GET).
import type { Directory } from '../parties/directory';
import type { Platform } from '../parties/model';
import { OutboxModel } from './model';
import { policyFor } from './policy';
import { FUNCTIONAL_MODULES } from '../policy/roles';

export const isOffline = (p: Platform): boolean =>
  p.suspended || !p.registered || p.roles.every((r) => r.status === 'OFFLINE');

let lastRun = 0;

/** At most once a second: pending rows of offline receivers whose policy is to drop. */
export async function dropWhileOffline(dir: Directory): Promise<void> {
  if (Date.now() - lastRun < 1000) return;
  lastRun = Date.now();
  for (const p of dir.platforms.filter(isOffline)) {
    const modules = [...FUNCTIONAL_MODULES, 'hubclientinfo'].filter((m) => policyFor(p, m).when_offline === 'drop');
    if (modules.length > 0) {
      await OutboxModel.updateMany(
        { platform_id: p._id, module: { $in: modules }, state: 'pending', claimed_by: { $exists: false } },
        { $set: { state: 'dropped' } },
      );
    }
  }
}
