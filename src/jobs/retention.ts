// Retention (HUB_RETENTION_DAYS): sessions, CDRs, delivered outbox rows and expired proxy URLs are purged on a
// schedule (no TTL indexes: the development engine does not expire documents).
import { config } from '../config';
import { log } from '../log';
import { cdrs } from '../modules/cdrs/store';
import { sessions } from '../modules/sessions/store';
import { TrafficModel } from '../observe/traffic';
import { OutboxModel } from '../outbox/model';
import { ProxyModel } from '../proxy/store';

const TRAFFIC_KEEP_MS = 2 * 24 * 3600_000;

export async function run(now = new Date()): Promise<Record<string, number>> {
  const cutoff = new Date(now.getTime() - config.retentionDays * 24 * 3600_000);
  const purged = {
    sessions: (await sessions.model.deleteMany({ last_updated: { $lt: cutoff } })).deletedCount,
    cdrs: (await cdrs.model.deleteMany({ last_updated: { $lt: cutoff } })).deletedCount,
    outbox: (await OutboxModel.deleteMany({ state: 'delivered', delivered_at: { $lt: cutoff } })).deletedCount,
    proxies: (await ProxyModel.deleteMany({ expires_at: { $lt: now } })).deletedCount,
    // the dashboard charts 24 hours: per-minute counters are kept 2 days, or less if HUB_RETENTION_DAYS says so
    traffic: (
      await TrafficModel.deleteMany({
        minute: { $lt: new Date(Math.max(cutoff.getTime(), now.getTime() - TRAFFIC_KEEP_MS)) },
      })
    ).deletedCount,
  };
  if (Object.values(purged).some((n) => n > 0)) log.info('retention purge', purged);
  return purged;
}
