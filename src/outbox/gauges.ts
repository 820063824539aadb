// Gauges read from the store when /metrics is scraped: outbox depth, age and dead letters per receiver, party
// status counts. Registered from above (app.ts), since observe/ sits below the folders it would read.
import { dbGauge } from '../observe/metrics';
import { PlatformModel } from '../parties/model';
import { OutboxModel } from './model';

let registered = false;

export function registerStoreGauges(): void {
  if (registered) return;
  registered = true;
  const byPlatform = (state: string, value: { $sum: 1 } | { $min: string }) =>
    OutboxModel.aggregate<{ _id: unknown; v: number | Date }>([
      { $match: { state } },
      { $group: { _id: '$platform_id', v: value } },
    ]);

  dbGauge('ocpi_hub_outbox_pending', 'Pending deliveries per receiver platform', 'platform', async () =>
    (await byPlatform('pending', { $sum: 1 })).map((g) => [String(g._id), Number(g.v)]),
  );
  dbGauge(
    'ocpi_hub_outbox_oldest_pending_seconds',
    'Age of the oldest pending delivery per receiver platform',
    'platform',
    async () =>
      (await byPlatform('pending', { $min: '$created_at' })).map((g) => [
        String(g._id),
        (Date.now() - new Date(g.v).getTime()) / 1000,
      ]),
  );
  dbGauge('ocpi_hub_outbox_dead', 'Dead letters per receiver platform', 'platform', async () =>
    (await byPlatform('dead', { $sum: 1 })).map((g) => [String(g._id), Number(g.v)]),
  );
  dbGauge('ocpi_hub_parties', 'Party roles by connection status', 'status', async () => {
    const rows = await PlatformModel.aggregate<{ _id: string; n: number }>([
      { $unwind: '$roles' },
      { $group: { _id: '$roles.status', n: { $sum: 1 } } },
    ]);
    return ['PLANNED', 'CONNECTED', 'OFFLINE', 'SUSPENDED'].map((s) => [s, rows.find((r) => r._id === s)?.n ?? 0]);
  });
}
