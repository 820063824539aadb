// Every manifest under k8s/ is a Kubernetes object the API types accept, with no unknown field, and
// the kustomization applies exactly them (kubectl kustomize checks the build where kubectl exists).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  [field: string]: any;
};
type Model = new (data: any) => { validate(): void };

const K8S = path.resolve(__dirname, '../../k8s');
const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Every document of a YAML stream. kubectl reads YAML 1.1 (`on`, `0440` octal), tools YAML 1.2: both must agree. */
function parseManifests(text: string, source: string): Manifest[] {
  const read = (version: '1.1' | '1.2') =>
    parseAllDocuments(text, { version }).flatMap((doc) => {
      if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const value = doc.toJS() as Manifest | null;
      return value ? [value] : [];
    });
  const manifests = read('1.2');
  if (!isDeepStrictEqual(read('1.1'), manifests))
    throw new Error(`${source} reads differently as YAML 1.1 and 1.2: quote the value`);
  return manifests;
}

/**
 * Checks a manifest with the kubernetes-models validator, and returns the paths of the fields that
 * validator never read. Its compiled schemas ignore additional properties, but they read every field
 * the API type defines (maps such as labels are iterated), so a field left unread is unknown.
 */
function check(manifest: Manifest): string[] {
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) throw new Error(`no API type for ${manifest.apiVersion} ${manifest.kind}`);
  const read = new WeakMap<object, Set<string>>();
  const watch = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const keys = new Set<string>();
    read.set(value, keys);
    return new Proxy(value, {
      get: (target, key) => (typeof key === 'string' && keys.add(key), watch(Reflect.get(target, key))),
      has: (target, key) => (typeof key === 'string' && keys.add(key), Reflect.has(target, key)),
    });
  };
  const model = new Model(manifest);
  model.validate.call(watch(model)); // throws on a missing field or a wrong type
  const unknown: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${at}[${i}]`));
    for (const [key, child] of Object.entries(value)) {
      const here = at ? `${at}.${key}` : key;
      if (read.get(value)?.has(key)) walk(child, here);
      else unknown.push(here);
    }
  };
  walk(model, '');
  return unknown.sort();
}

const yamlFiles = readdirSync(K8S, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml' && !f.startsWith('alerts'))
  .sort();
const manifests = yamlFiles.flatMap((file) =>
  parseManifests(readFileSync(path.join(K8S, file), 'utf8'), file).map((m) => ({ file, manifest: m })),
);
const kustomization = parse(readFileSync(path.join(K8S, 'kustomization.yaml'), 'utf8'));
const find = (kind: string, name: string) =>
  structuredClone(manifests.find((m) => m.manifest.kind === kind && m.manifest.metadata.name === name)!.manifest);

describe('k8s manifests', () => {
  test.each(
    manifests.map(({ file, manifest }) => [`${file} ${manifest.kind}/${manifest.metadata.name}`, manifest] as const),
  )(
    'when %s is checked against the Kubernetes API types, then it validates with no unknown field',
    (_name, manifest) => {
      expect(check(manifest)).toEqual([]);
    },
  );

  test('when fields are misspelt or misplaced, then the check names each of them', () => {
    const deployment = find('Deployment', 'ocpi-hub');
    deployment.spec.replicass = 3;
    deployment.metadata.labelz = { a: 'b' };
    deployment.spec.template.spec.containers[0].securityContext.runAsNonRot = true;
    const statefulSet = find('StatefulSet', 'mongodb');
    statefulSet.spec.volumeClaimTemplates[0].spec.storageClass = 'fast';
    const ingress = find('Ingress', 'ocpi-hub');
    ingress.spec.rules[0].http.paths[0].backend.serviceName = 'ocpi-hub'; // networking.k8s.io/v1beta1's field
    expect(check(deployment)).toEqual([
      'metadata.labelz',
      'spec.replicass',
      'spec.template.spec.containers[0].securityContext.runAsNonRot',
    ]);
    expect(check(statefulSet)).toEqual(['spec.volumeClaimTemplates[0].spec.storageClass']);
    expect(check(ingress)).toEqual(['spec.rules[0].http.paths[0].backend.serviceName']);
  });

  test('when a field has the wrong type or a required one is missing, then validation fails naming it', () => {
    const deployment = find('Deployment', 'ocpi-hub');
    deployment.spec.replicas = 'two';
    expect(() => check(deployment)).toThrow(/replicas must be integer/);
    const service = find('Service', 'ocpi-hub');
    delete service.spec.ports[0].port;
    expect(() => check(service)).toThrow(/ports\/0 must have required property '?port/);
  });

  test('when a kind has no API type here, then the check refuses it rather than pass it unchecked', () => {
    expect(() =>
      check({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'x' } }),
    ).toThrow(/no API type/);
  });

  test('when the kustomization is read, then it applies every manifest but the Secret template', () => {
    const applied = manifests.filter((m) => m.file !== 'secret.example.yaml').map((m) => m.file);
    expect([...kustomization.resources].sort()).toEqual([...new Set(applied)].sort());
    expect(kustomization.resources).not.toContain('secret.example.yaml');
    expect(manifests.filter((m) => m.file === 'secret.example.yaml').map((m) => m.manifest.kind)).toEqual([
      'Secret',
      'Secret',
    ]);
    expect(readFileSync(path.join(K8S, 'secret.example.yaml'), 'utf8')).toMatch(/NOT APPLIED AS IS/);
    expect(manifests.filter((m) => m.manifest.kind === 'Secret' && m.file !== 'secret.example.yaml')).toEqual([]);
  });

  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (kubectl ? test : test.skip)(
    'when kubectl kustomize builds k8s/, then every object validates with no unknown field in namespace ocpi-hub',
    () => {
      const built = parseManifests(
        execFileSync('kubectl', ['kustomize', K8S], { encoding: 'utf8' }),
        'kubectl kustomize',
      );
      expect(built).toHaveLength(manifests.length - 2);
      for (const manifest of built) {
        expect({ name: manifest.metadata.name, unknown: check(manifest) }).toEqual({
          name: manifest.metadata.name,
          unknown: [],
        });
        if (manifest.kind !== 'Namespace') expect(manifest.metadata.namespace).toBe('ocpi-hub');
      }
      const image = built.find((m) => m.kind === 'Deployment')!.spec.template.spec.containers[0].image;
      expect(image).toBe(`${kustomization.images[0].newName}:${kustomization.images[0].newTag}`);
    },
  );
});
