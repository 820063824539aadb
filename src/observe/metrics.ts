// Prometheus metrics (prom-client): requests, relay latency, outbox depth, age and outcomes per receiver, party
// status counts, signing and encryption counts, and Node's own (event-loop lag among them).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

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
  help: "Time from sending a relayed request to the receiver's answer",
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
export const conversionDropped = new Counter({
  name: 'ocpi_conversion_dropped_total',
  help: "Fields or values dropped at the version boundary (no counterpart in the receiver's OCPI version), by platform, module and field",
  labelNames: ['platform', 'module', 'field'] as const,
  registers: [registry],
});
export const cryptoOps = new Counter({
  name: 'ocpi_hub_crypto_operations_total',
  help: 'Signatures made and verified, bodies encrypted and decrypted',
  labelNames: ['operation'] as const,
  registers: [registry],
});

/**
 * A gauge read from the database at scrape time (so every replica reports the cluster's state). When the
 * database is down the gauge is left empty and /metrics still answers: the hub is not down.
 */
export function dbGauge(name: string, help: string, label: string, read: () => Promise<[string, number][]>): void {
  new Gauge({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    async collect() {
      this.reset();
      const values = await read().catch(() => []);
      for (const [key, value] of values) this.set({ [label]: key }, value);
    },
  });
}
