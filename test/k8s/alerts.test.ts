// The Prometheus alert rules beside the manifests: the expected alerts, on metric and label names the
// hub really exports (src/observe/metrics.ts, src/outbox/gauges.ts), with the agreed thresholds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { registry } from '../../src/observe/metrics';
import { registerStoreGauges } from '../../src/outbox/gauges';

registerStoreGauges(); // as createApp() does: the outbox and party gauges are registered from above observe/

type Rule = {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};

const file = parse(readFileSync(path.resolve(__dirname, '../../k8s/alerts/prometheus-rules.yaml'), 'utf8'));
const rules: Rule[] = file.groups.flatMap((g: { rules: Rule[] }) => g.rules);
const rule = (name: string) => rules.find((r) => r.alert === name)!;
const metrics = new Map(
  registry
    .getMetricsAsArray()
    .map((m) => [
      m.name,
      { type: String(m.type), labels: ((m as { labelNames?: string[] }).labelNames ?? []) as string[] },
    ]),
);

/** The metric a series name belongs to: histograms export _bucket, _sum and _count series. */
function metricOf(series: string) {
  const base = series.replace(/_(bucket|sum|count)$/, '');
  return metrics.get(series) ?? (metrics.get(base)?.type === 'histogram' ? metrics.get(base) : undefined);
}

describe('k8s alert rules', () => {
  test('when the rules file is read, then it holds the expected alerts, each with a duration, a severity and a summary', () => {
    expect(Object.keys(file)).toEqual(['groups']);
    expect(rules.map((r) => r.alert).sort()).toEqual(
      [
        'OcpiHubAllDown',
        'OcpiHubDeadLetters',
        'OcpiHubDown',
        'OcpiHubErrorRate',
        'OcpiHubEventLoopLag',
        'OcpiHubOutboxStale',
        'OcpiHubPartiesOffline',
      ].sort(),
    );
    for (const r of rules) {
      expect(Object.keys(r).sort()).toEqual(['alert', 'annotations', 'expr', 'for', 'labels']);
      expect(r.for).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical']).toContain(r.labels.severity);
      expect(r.annotations.summary).toBeTruthy();
      expect(r.expr.split('(').length).toBe(r.expr.split(')').length);
    }
  });

  test('when an expression names a hub metric, then the hub exports it with every label the expression selects on', () => {
    for (const r of rules) {
      const selectors = [...r.expr.matchAll(/\b(ocpi_hub_[a-z0-9_]+)(?:\{([^}]*)\})?/g)];
      if (selectors.length === 0)
        expect({ alert: r.alert, expr: r.expr }).toEqual({
          alert: r.alert,
          expr: expect.stringContaining('up{job="ocpi-hub"}'),
        });
      for (const [, series, matchers = ''] of selectors) {
        const metric = metricOf(series!);
        expect({ alert: r.alert, series, exported: !!metric }).toEqual({ alert: r.alert, series, exported: true });
        for (const [, label] of matchers.matchAll(/(\w+)\s*(?:=~|!~|!=|=)/g))
          expect({ series, label, known: metric!.labels.includes(label!) }).toEqual({ series, label, known: true });
      }
    }
  });

  test('when the thresholds are read, then they are the agreed ones', () => {
    expect(rule('OcpiHubDeadLetters')).toMatchObject({
      expr: expect.stringMatching(/ocpi_hub_outbox_dead\) > 0$/),
      for: '10m',
    });
    expect(rule('OcpiHubPartiesOffline')).toMatchObject({
      expr: expect.stringContaining('ocpi_hub_parties{status="OFFLINE"}) > 0'),
      for: '15m',
    });
    expect(readFileSync(path.resolve(__dirname, '../../src/outbox/gauges.ts'), 'utf8')).toContain("'OFFLINE'");
    expect(rule('OcpiHubOutboxStale').expr).toMatch(/ocpi_hub_outbox_oldest_pending_seconds\) > 300$/);
    const errors = rule('OcpiHubErrorRate').expr;
    for (const part of [
      '{status=~"5.."}[5m]',
      '{ocpi_status="3000"}[5m]',
      'sum(rate(ocpi_hub_requests_total[5m]))',
      '> 0.05',
    ])
      expect(errors).toContain(part);
    expect(rule('OcpiHubDown').expr).toBe('up{job="ocpi-hub"} == 0');
  });
});
