// The manifests keep their production properties: replicas, probes, limits, non-root, secrets from
// Secrets, production settings the hub accepts, disruption budgets, autoscaling, network policy, a
// three-member replica set, and references that resolve.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config';

const K8S = path.resolve(__dirname, '../../k8s');
const all = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map((d) => ({ file, ...(d.toJS() as any) })),
  );
const get = (kind: string, name: string) => {
  const found = all.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} under k8s/`);
  return found;
};
const deployment = get('Deployment', 'ocpi-hub');
const statefulSet = get('StatefulSet', 'mongodb');
const workloads = [deployment, statefulSet];
const hub = deployment.spec.template.spec.containers[0];
const configMap = get('ConfigMap', 'ocpi-hub-config');
const secrets = all.filter((m) => m.file === 'secret.example.yaml');
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);
const cpu = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q));
const SECRET_VARIABLES = ['HUB_ADMIN_TOKEN', 'HUB_MASTER_KEY', 'MONGODB_URI'];

describe('k8s production properties', () => {
  test('when the hub Deployment is read, then it runs 2+ replicas spread over nodes, probed on /healthz and /readyz', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(hub.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(hub.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(hub.startupProbe.httpGet.path).toBe('/healthz');
    expect(hub.ports).toEqual([{ name: 'http', containerPort: Number(configMap.data.PORT), protocol: 'TCP' }]);
    const spread = deployment.spec.template.spec.topologySpreadConstraints.find(
      (c: any) => c.topologyKey === 'kubernetes.io/hostname',
    );
    expect(spread).toMatchObject({
      maxSkew: 1,
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: deployment.spec.selector.matchLabels },
    });
    // SIGTERM drains within the hub's own 15 s deadline (src/main.ts), after the 5 s preStop pause.
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(20);
  });

  test('when a pod template is read, then every container is non-root, unprivileged, read-only, and has requests and limits that fit a 2-core node', () => {
    for (const workload of workloads) {
      const pod = workload.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect({ name: c.name, ...c.securityContext }).toMatchObject({
          name: c.name,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
        expect(cpu(c.resources.limits.cpu)).toBeLessThanOrEqual(2);
        expect(cpu(c.resources.requests.cpu)).toBeLessThanOrEqual(cpu(c.resources.limits.cpu));
      }
    }
    expect(deployment.spec.template.spec.securityContext.runAsUser).toBe(10001);
    expect(hub.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(deployment.spec.template.spec.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } });
  });

  test('when the hub needs its secrets, then each comes from the Secret by secretKeyRef, never from the ConfigMap', () => {
    for (const name of SECRET_VARIABLES) {
      expect(hub.env.find((e: any) => e.name === name)).toEqual({
        name,
        valueFrom: { secretKeyRef: { name: 'ocpi-hub-secrets', key: name } },
      });
      expect(configMap.data).not.toHaveProperty(name);
    }
    expect(hub.envFrom).toEqual([{ configMapRef: { name: 'ocpi-hub-config' } }]);
  });

  test('when the ConfigMap is read, then it sets every non-secret variable of src/config.ts to a production value the hub accepts', () => {
    const source = readFileSync(path.resolve(__dirname, '../../src/config.ts'), 'utf8');
    const schema = source.slice(
      source.indexOf('const Env = z.object({'),
      source.indexOf('});', source.indexOf('const Env')),
    );
    const variables = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(variables.length).toBeGreaterThan(20);
    expect(Object.keys(configMap.data).sort()).toEqual(variables.filter((v) => !SECRET_VARIABLES.includes(v)).sort());
    const production = {
      HUB_ADMIN_TOKEN: 'a-production-admin-token',
      HUB_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      MONGODB_URI: 'mongodb://db/ocpi-hub',
    };
    const config = loadConfig({ ...configMap.data, ...production });
    expect(config).toMatchObject({
      publicUrl: 'https://hub.example.com',
      agreements: 'required',
      allowPrivateUrls: false,
      port: 3000,
      generatedSecrets: [],
    });
  });

  test('when the Secret template is read, then it holds every key the workloads ask for, and only placeholders', () => {
    const refs = workloads
      .flatMap((w) => [...(w.spec.template.spec.initContainers ?? []), ...w.spec.template.spec.containers])
      .flatMap((c: any) => c.env ?? []);
    const keyRefs = refs.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => e.valueFrom.secretKeyRef);
    const volumeRefs = statefulSet.spec.template.spec.volumes
      .filter((v: any) => v.secret)
      .flatMap((v: any) => v.secret.items.map((i: any) => ({ name: v.secret.secretName, key: i.key })));
    expect(keyRefs.length + volumeRefs.length).toBe(6);
    for (const { name, key } of [...keyRefs, ...volumeRefs])
      expect(secrets.find((s) => s.metadata.name === name)?.stringData).toHaveProperty(key);
    for (const s of secrets) for (const value of Object.values<string>(s.stringData)) expect(value).toMatch(/REPLACE/);
  });

  test('when the Service, Ingress, HPA and PDB are read, then they reach the hub pods over TLS at hub.example.com and keep 2+ of them', () => {
    const pods = deployment.spec.template.metadata.labels;
    const service = get('Service', 'ocpi-hub');
    expect(matches(service.spec.selector, pods)).toBe(true);
    expect(service.spec.ports[0].targetPort).toBe('http');
    const ingress = get('Ingress', 'ocpi-hub');
    expect(ingress.spec.tls).toEqual([{ hosts: ['hub.example.com'], secretName: 'hub-example-com-tls' }]);
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual(['hub.example.com']);
    const paths = ingress.spec.rules[0].http.paths;
    for (const p of paths)
      expect(p.backend.service).toEqual({ name: 'ocpi-hub', port: { name: service.spec.ports[0].name } });
    expect(paths.map((p: any) => p.path)).toEqual(expect.arrayContaining(['/ocpi', '/admin']));
    expect(paths.map((p: any) => p.path)).not.toContain('/'); // /metrics stays inside the cluster
    const hpa = get('HorizontalPodAutoscaler', 'ocpi-hub');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'ocpi-hub' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics[0].resource).toEqual({
      name: 'cpu',
      target: { type: 'Utilization', averageUtilization: 70 },
    });
    const pdb = get('PodDisruptionBudget', 'ocpi-hub');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(matches(pdb.spec.selector.matchLabels, pods)).toBe(true);
  });

  test('when the NetworkPolicy is read, then the hub takes traffic from the ingress controller and Prometheus only, and reaches MongoDB, DNS and public 443', () => {
    const policy = get('NetworkPolicy', 'ocpi-hub');
    expect(matches(policy.spec.podSelector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const [ingress] = policy.spec.ingress;
    expect(ingress.ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
    expect(ingress.from.map((f: any) => f.namespaceSelector.matchLabels['kubernetes.io/metadata.name'])).toEqual([
      'ingress-nginx',
      'monitoring',
    ]);
    const egress = (port: number) => policy.spec.egress.filter((e: any) => e.ports.some((p: any) => p.port === port));
    expect(egress(27017)[0].to).toEqual([{ podSelector: { matchLabels: statefulSet.spec.selector.matchLabels } }]);
    expect(
      egress(53)[0]
        .ports.map((p: any) => p.protocol)
        .sort(),
    ).toEqual(['TCP', 'UDP']);
    const [internet] = egress(443);
    expect(internet.to[0].ipBlock).toMatchObject({
      cidr: '0.0.0.0/0',
      except: expect.arrayContaining(['10.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16']),
    });
    expect(policy.spec.egress).toHaveLength(3);
  });

  test('when the MongoDB StatefulSet is read, then three members of rs0 on a headless Service keep data on volumes, authenticated by a keyfile, as MONGODB_URI expects', () => {
    expect(statefulSet.spec.replicas).toBe(3);
    const service = get('Service', statefulSet.spec.serviceName);
    expect(service.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(matches(service.spec.selector, statefulSet.spec.template.metadata.labels)).toBe(true);
    const mongod = statefulSet.spec.template.spec.containers[0];
    expect(mongod.image).toBe('mongo:7');
    expect(mongod.args).toEqual(
      expect.arrayContaining(['--replSet=rs0', '--keyFile=/keyfile/keyfile', '--bind_ip_all']),
    );
    expect(mongod.volumeMounts).toContainEqual({
      name: statefulSet.spec.volumeClaimTemplates[0].metadata.name,
      mountPath: '/data/db',
    });
    expect(statefulSet.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toMatch(/^\d+Gi$/);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) expect(mongod).toHaveProperty(probe);
    expect(
      statefulSet.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]
        .topologyKey,
    ).toBe('kubernetes.io/hostname');
    const hosts = [0, 1, 2].map((i) => `${statefulSet.metadata.name}-${i}.${service.metadata.name}:27017`);
    expect(secrets.find((s) => s.metadata.name === 'ocpi-hub-secrets').stringData.MONGODB_URI).toContain(
      `@${hosts.join(',')}/ocpi-hub?replicaSet=rs0&`,
    );
    const script = get('ConfigMap', 'mongodb-scripts').data['init-replica-set.js'];
    expect(script).toContain("rs.initiate({ _id: 'rs0', members })");
    expect(script).toContain('host: `mongodb-${i}.mongodb:27017`');
    expect(get('PodDisruptionBudget', 'mongodb').spec.maxUnavailable).toBe(1);
  });
});
