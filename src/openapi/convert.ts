// zod → JSON Schema (draft 2020-12) for the whole document at once: the named schemas become components
// referenced by $ref, every other schema is inlined where it is used.
import { z } from 'zod';

export type Io = 'input' | 'output';
export type Json = Record<string, unknown>;
export interface Use {
  schema: z.ZodType;
  io: Io;
}
export interface JsonSchemas {
  /** components.schemas: a named schema whose request (input) form differs also gets `<Name>Input`. */
  components: Record<string, Json>;
  json: (schema: z.ZodType, io: Io) => Json;
}

const REF = '#/components/schemas/';
// Registry ids of the schemas used once in place (lower case: component names are PascalCase).
const INLINE = 'inline';
type Meta = { id: string; description?: string };

/** Deep copy with every object passed through `visit` (children first). */
function walk(value: unknown, visit: (o: Json) => Json): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, visit));
  if (value === null || typeof value !== 'object') return value;
  return visit(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, visit)])));
}

/** The component names a JSON Schema refers to. */
function refsOf(json: unknown): string[] {
  const found: string[] = [];
  walk(json, (o) => {
    if (typeof o.$ref === 'string' && o.$ref.startsWith(REF)) found.push(o.$ref.slice(REF.length));
    return o;
  });
  return found;
}

/**
 * One registry conversion per direction (zod 4 turns registered ids into $refs); anonymous schemas are then inlined.
 */
function convertOnce(named: Map<string, z.ZodType>, descriptions: Record<string, string>, inline: z.ZodType[], io: Io) {
  const registry = z.registry<Meta>();
  for (const [id, schema] of named)
    registry.add(schema, { id, ...(descriptions[id] ? { description: descriptions[id] } : {}) });
  inline.forEach((schema, i) => registry.add(schema, { id: `${INLINE}${i}` }));
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    metadata: registry,
    unrepresentable: 'any',
    uri: (id) => `${REF}${id}`,
  });
  if (schemas.__shared)
    throw new Error('openapi: a schema was shared outside the registry (a cycle?): name it in components.ts');
  const raw = Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest as Json]),
  );
  const expand = (json: unknown): Json =>
    walk(json, (o) => {
      const target =
        typeof o.$ref === 'string' && o.$ref.startsWith(`${REF}${INLINE}`) ? o.$ref.slice(REF.length) : undefined;
      if (!target) return o;
      const { $ref: _r, ...siblings } = o;
      return { ...expand(raw[target]), ...siblings };
    }) as Json;
  return Object.fromEntries(Object.entries(raw).map(([id, json]) => [id, expand(json)]));
}

export function convert(named: Map<string, z.ZodType>, descriptions: Record<string, string>, uses: Use[]): JsonSchemas {
  const nameOf = new Map([...named].map(([name, schema]) => [schema, name]));
  const inline = [...new Set(uses.map((u) => u.schema).filter((s) => !nameOf.has(s)))];
  const input = convertOnce(named, descriptions, inline, 'input');
  const output = convertOnce(named, descriptions, inline, 'output');

  // A schema needs an Input variant when its JSON differs, or when it refers to one that does.
  const differs = new Set([...named.keys()].filter((n) => JSON.stringify(input[n]) !== JSON.stringify(output[n])));
  let grew = true;
  while (grew) {
    const more = [...named.keys()].filter((n) => !differs.has(n) && refsOf(input[n]).some((r) => differs.has(r)));
    more.forEach((n) => differs.add(n));
    grew = more.length > 0;
  }
  const toInput = (json: unknown) =>
    walk(json, (o) => {
      const target = typeof o.$ref === 'string' ? o.$ref.slice(REF.length) : '';
      return differs.has(target) ? { ...o, $ref: `${REF}${target}Input` } : o;
    }) as Json;

  const json = (schema: z.ZodType, io: Io): Json => {
    const name = nameOf.get(schema);
    if (name) return { $ref: `${REF}${name}${io === 'input' && differs.has(name) ? 'Input' : ''}` };
    const id = `${INLINE}${inline.indexOf(schema)}`;
    return io === 'input' ? toInput(input[id]) : (output[id] as Json);
  };

  // Only what the document reaches: the uses, then what those refer to.
  const all: Record<string, Json> = {};
  for (const n of named.keys()) {
    all[n] = output[n] as Json;
    if (differs.has(n)) all[`${n}Input`] = toInput(input[n]);
  }
  const reached = new Set<string>();
  const queue = uses.flatMap((u) => refsOf(json(u.schema, u.io)));
  for (let n = queue.pop(); n !== undefined; n = queue.pop()) {
    if (reached.has(n)) continue;
    reached.add(n);
    queue.push(...refsOf(all[n]));
  }
  const components = Object.fromEntries([...reached].sort().map((n) => [n, all[n] as Json]));
  return { components, json };
}
