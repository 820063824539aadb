// The committed OpenAPI document: as fresh as the code, structurally valid OpenAPI 3.1, every $ref resolving and
// every schema in it compiling with ajv (JSON Schema draft 2020-12, with formats).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { modules, served } from '../../src/app';
import { buildDocument, serialize } from '../../src/openapi/document';

type Json = Record<string, any>;
const FILE = path.resolve(__dirname, '../../openapi/openapi.json');
const fresh = buildDocument(modules) as Json;
const committed = JSON.parse(readFileSync(FILE, 'utf8')) as Json;
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

/** Every object in the document with the JSON pointer leading to it. */
function* objects(value: unknown, at = '#'): Generator<[string, Json]> {
  if (value === null || typeof value !== 'object') return;
  if (!Array.isArray(value)) yield [at, value as Json];
  for (const [k, v] of Object.entries(value)) yield* objects(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}
const pointer = (doc: Json, ref: string) =>
  ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => node?.[key], doc);
const deref = (doc: Json, node: Json): Json =>
  typeof node.$ref === 'string' ? deref(doc, pointer(doc, node.$ref)) : node;
const operations = (doc: Json) =>
  Object.entries(doc.paths as Json).flatMap(([p, item]) =>
    Object.entries(item as Json)
      .filter(([m]) => METHODS.includes(m))
      .map(([m, op]) => ({ where: `${m.toUpperCase()} ${p}`, path: p, op: op as Json })),
  );

describe('the committed document', () => {
  test('when the document is generated afresh from the endpoint tables and schemas, then it equals openapi/openapi.json', () => {
    const stale = serialize(fresh) !== readFileSync(FILE, 'utf8');
    if (stale) {
      const differing = Object.keys({ ...fresh.paths, ...committed.paths }).filter(
        (p) => JSON.stringify(fresh.paths[p]) !== JSON.stringify(committed.paths[p]),
      );
      throw new Error(
        `openapi/openapi.json is stale: run \`npm run openapi\` (tsx src/openapi/write.ts) and commit it. Paths that differ: ${differing.join(', ') || '(components or info only)'}`,
      );
    }
  });
});

describe('the document as OpenAPI 3.1', () => {
  test('when it is read, then it is OpenAPI 3.1.x with info, paths and components', () => {
    expect(committed.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof committed.info.title).toBe('string');
    expect(typeof committed.info.version).toBe('string');
    for (const p of Object.keys(committed.paths)) expect(p).toMatch(/^\//);
  });

  test("when the hub's served interfaces and extensions are listed, then each has operations in the document", () => {
    const paths = Object.keys(committed.paths);
    const prefixes = [
      ...served.map((s) => s.path),
      '/ocpi/versions',
      '/ocpi/2.2.1/proxy',
      '/ocpi/2.2.1',
      '/.well-known/jwks.json',
      '/healthz',
      '/readyz',
      '/metrics',
      '/docs',
      '/openapi.json',
    ];
    prefixes.push(...['platforms', 'agreements', 'keys', 'tokens', 'audit', 'outbox'].map((a) => `/admin/${a}`));
    expect(prefixes.filter((prefix) => !paths.some((p) => p === prefix || p.startsWith(`${prefix}/{`)))).toEqual([]);
  });

  test('when every operation is read, then it has responses with descriptions, known tags and security schemes, and a parameter per path template', () => {
    const tags = new Set((committed.tags as Json[]).map((t) => t.name));
    const schemes = new Set(Object.keys(committed.components.securitySchemes));
    for (const { where, path: p, op } of operations(committed)) {
      expect([where, Object.keys(op.responses ?? {}).length > 0]).toEqual([where, true]);
      for (const r of Object.values(op.responses as Json))
        expect([where, typeof deref(committed, r).description]).toEqual([where, 'string']);
      for (const t of op.tags ?? []) expect([where, tags.has(t)]).toEqual([where, true]);
      for (const s of (op.security ?? []) as Json[])
        for (const name of Object.keys(s)) expect([where, schemes.has(name)]).toEqual([where, true]);
      const inPath = ((op.parameters ?? []) as Json[])
        .map((x) => deref(committed, x))
        .filter((x) => x.in === 'path')
        .map((x) => x.name)
        .sort();
      expect([where, inPath]).toEqual([where, [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()]);
    }
  });

  test('when every $ref is followed, then it leads somewhere', () => {
    const dangling = [...objects(committed)]
      .filter(([, o]) => typeof o.$ref === 'string' && pointer(committed, o.$ref) === undefined)
      .map(([at, o]) => `${at} → ${o.$ref}`);
    expect(dangling).toEqual([]);
  });

  test('when every schema is compiled with ajv (draft 2020-12, formats), then none is refused', () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
    addFormats(ajv);
    const id = (name: string) => `https://ocpi-hub.test/schemas/${name}`;
    const rewrite = (schema: unknown): any =>
      JSON.parse(
        JSON.stringify(schema).replace(/"#\/components\/schemas\/([^"]+)"/g, (_m, name: string) =>
          JSON.stringify(id(name)),
        ),
      );
    for (const [name, schema] of Object.entries(committed.components.schemas as Json))
      ajv.addSchema(rewrite(schema), id(name));
    const refused: string[] = [];
    const compile = (at: string, schema: unknown) => {
      try {
        ajv.compile(rewrite(schema));
      } catch (error) {
        refused.push(`${at}: ${(error as Error).message}`);
      }
    };
    for (const name of Object.keys(committed.components.schemas)) compile(name, { $ref: id(name) });
    // every other schema: parameters, headers, request and response bodies
    for (const [at, o] of objects({ paths: committed.paths, components: { ...committed.components, schemas: {} } })) {
      if (o.schema && typeof o.schema === 'object' && !at.endsWith('/properties')) compile(at, o.schema);
    }
    expect(refused).toEqual([]);
  });
});
