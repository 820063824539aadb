// Prometheus metrics (prom-client): requests, relay latency, outbox depth, age and outcomes per receiver, party
// status counts, signing and encryption counts, and Node's own (event-loop lag among them).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { OutboxModel } from '../outbox/model';
import { PlatformModel } from '../parties/model';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'ocpi_hub_' });

export const requests = new Counter({
  name: 'ocpi_hub_requests_total',
  help: 'Requests answered, by OCPI module, method, HTTP status and OCPI status_code',
  labelNames: ['module', 'method', 'status', 'ocpi_status'] as const,
  registers: [registry],
});
export const relayLatency = new Histogram({
  name: 'ocpi_hub_relay_seconds',
  help: 'Time from sending a relayed request to the receiver\'s answer',
  labelNames: ['module'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
export const deliveries = new Counter({
  name: 'ocpi_hub_deliveries_total',
  help: 'Outbox delivery attempts by receiver platform and verdict (delivered, final, retry)',
  labelNames: ['platform', 'verdict'] as const,
  registers: [registry],
});
export const crypto = new Counter({
  name: 'ocpi_hub_crypto_operations_total',
  help: 'Signatures made and verified, bodies encrypted and decrypted',
  labelNames: ['operation'] as const,
  registers: [registry],
});

// Read from the database at scrape time, so every replica reports the cluster's state.
new Gauge({
  name: 'ocpi_hub_outbox_pending',
  help: 'Pending deliveries per receiver platform',
  labelNames: ['platform'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const g of await OutboxModel.aggregate<{ _id: unknown; n: number }>([{ $match: { state: 'pending' } }, { $group: { _id: '$platform_id', n: { $sum: 1 } } }])) {
      this.set({ platform: String(g._id) }, g.n);
    }
  },
});
new Gauge({
  name: 'ocpi_hub_outbox_oldest_pending_seconds',
  help: 'Age of the oldest pending delivery per receiver platform',
  labelNames: ['platform'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    const rows = await OutboxModel.aggregate<{ _id: unknown; oldest: Date }>([{ $match: { state: 'pending' } }, { $group: { _id: '$platform_id', oldest: { $min: '$created_at' } } }]);
    for (const g of rows) this.set({ platform: String(g._id) }, (Date.now() - new Date(g.oldest).getTime()) / 1000);
  },
});
new Gauge({
  name: 'ocpi_hub_outbox_dead',
  help: 'Dead letters per receiver platform',
  labelNames: ['platform'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const g of await OutboxModel.aggregate<{ _id: unknown; n: number }>([{ $match: { state: 'dead' } }, { $group: { _id: '$platform_id', n: { $sum: 1 } } }])) {
      this.set({ platform: String(g._id) }, g.n);
    }
  },
});
new Gauge({
  name: 'ocpi_hub_parties',
  help: 'Party roles by connection status',
  labelNames: ['status'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    const rows = await PlatformModel.aggregate<{ _id: string; n: number }>([{ $unwind: '$roles' }, { $group: { _id: '$roles.status', n: { $sum: 1 } } }]);
    for (const s of ['PLANNED', 'CONNECTED', 'OFFLINE', 'SUSPENDED']) this.set({ status: s }, rows.find((r) => r._id === s)?.n ?? 0);
  },
});
