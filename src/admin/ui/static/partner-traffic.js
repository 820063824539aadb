// The partner page's charts: the last 24 hours minute by minute, from the hub's per-minute counters.
import { perMinute, lineChart } from './charts.js';
import { h } from './dom.js';

const HOURS = 24;

export function trafficCard(minutes) {
  const m = (f) => perMinute(minutes, HOURS, f);
  const rate = perMinute(minutes, HOURS, (p) =>
    p.in + p.out > 0 ? Math.round((1000 * p.errors) / (p.in + p.out)) / 10 : 0,
  );
  const charts = [
    lineChart({
      title: 'Requests in',
      unit: 'per minute',
      hours: HOURS,
      testid: 'chart-in',
      series: [{ name: 'requests in', values: m((p) => p.in) }],
    }),
    lineChart({
      title: 'Deliveries and relays out',
      unit: 'per minute',
      hours: HOURS,
      testid: 'chart-out',
      series: [{ name: 'out', values: m((p) => p.out), cls: 'second' }],
    }),
    lineChart({
      title: 'Error rate',
      unit: '%',
      hours: HOURS,
      testid: 'chart-errors',
      series: [{ name: 'errors', values: rate, cls: 'bad' }],
    }),
    lineChart({
      title: 'p95 latency',
      unit: 'ms',
      hours: HOURS,
      testid: 'chart-latency',
      series: [
        { name: 'relays', values: perMinute(minutes, HOURS, (p) => p.relay_p95_ms, { gaps: true }) },
        {
          name: 'deliveries',
          values: perMinute(minutes, HOURS, (p) => p.delivery_p95_ms, { gaps: true }),
          cls: 'second',
        },
      ],
    }),
    lineChart({
      title: 'Outbox depth',
      unit: 'pending rows',
      hours: HOURS,
      testid: 'chart-outbox',
      series: [{ name: 'pending', values: m((p) => p.outbox ?? 0) }],
    }),
  ];
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'traffic-title' },
    h('h2', { id: 'traffic-title' }, `Traffic, last ${HOURS} hours`),
    h(
      'p',
      { class: 'hint' },
      'Counted per minute by every replica into the database; latencies are the upper bound of the bucket holding the 95th percentile.',
    ),
    h('div', { class: 'charts' }, charts),
  );
}
