// The OpenAPI 3.1 document of the whole hub, built from the endpoint tables and zod schemas (never by hand).
import type { z } from 'zod';
import { VERSION } from '../modules/versions/routes';
import type { ModuleDef } from '../pipeline/types';
import { adminErrors, adminOperations } from './admin';
import { descriptions, namedSchemas } from './components';
import { convert, type JsonSchemas, type Json, type Use } from './convert';
import { hubOperations } from './hub';
import { serviceOperations } from './service';
import { INTRODUCTION, SECURITY_SCHEMES, TAGS } from './introduction';
import { ocpiOperations } from './ocpi';
import { requestHeaders, responseHeaders } from './headers';
import { ocpiErrors, type AnswerDoc, type Op } from './operation';

const METHODS = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'];
const SECURITY = {
  party: [{ OcpiToken: [] }],
  registration: [{ OcpiToken: [] }],
  admin: [{ AdminBearer: [] }],
  none: [],
};
// Checked while authenticating a party (parties/signatures.ts), so every OCPI endpoint takes it.
const SIGNATURE = { party: ['OcpiSignature'], registration: ['OcpiSignature'], admin: [], none: [] };
const sharedAnswers: Record<string, AnswerDoc> = { ...ocpiErrors, ...adminErrors };

function usesOf(op: Op): Use[] {
  const input = [op.params, op.query, op.body]
    .filter((s): s is z.ZodType => !!s)
    .map((schema) => ({ schema, io: 'input' as const }));
  const output = Object.values(op.answers).flatMap((a) =>
    typeof a === 'object' && a.schema ? [{ schema: a.schema, io: 'output' as const }] : [],
  );
  return [...input, ...output];
}

/** A zod object's properties as parameters; a named object is read from its component. */
function parametersOf(c: JsonSchemas, schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  let object = c.json(schema, 'input');
  if (typeof object.$ref === 'string') object = c.components[object.$ref.split('/').pop() as string] as Json;
  const required = (object.required as string[] | undefined) ?? [];
  return Object.entries((object.properties ?? {}) as Record<string, Json>).map(
    ([name, { description, ...schema }]) => ({
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      ...(description ? { description } : {}),
      schema,
    }),
  );
}

function response(c: JsonSchemas, a: AnswerDoc) {
  return {
    description: a.description,
    ...(a.headers?.length
      ? { headers: Object.fromEntries(a.headers.map((h) => [h, { $ref: `#/components/headers/${h}` }])) }
      : {}),
    ...(a.schema ? { content: { [a.media ?? 'application/json']: { schema: c.json(a.schema, 'output') } } } : {}),
  };
}

function operation(c: JsonSchemas, op: Op) {
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: SECURITY[op.auth],
    parameters: [
      ...parametersOf(c, op.params, 'path'),
      ...parametersOf(c, op.query, 'query'),
      ...['XRequestId', 'XCorrelationId', ...(op.headers ?? []), ...SIGNATURE[op.auth]].map((p) => ({
        $ref: `#/components/parameters/${p}`,
      })),
    ],
    ...(op.body
      ? {
          requestBody: {
            required: !op.bodyOptional,
            content: { 'application/json': { schema: c.json(op.body, 'input') } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(op.answers).map(([status, a]) => [
        status,
        typeof a === 'string' ? { $ref: `#/components/responses/${a}` } : response(c, a),
      ]),
    ),
  };
}

/** Path → method → operation, paths in alphabetical order, methods in GET, PUT, POST, PATCH, DELETE order. */
function pathsOf(c: JsonSchemas, ops: Op[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...ops].sort(
    (a, b) => a.path.localeCompare(b.path) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method),
  )) {
    const item = (paths[op.path] ??= {});
    if (item[op.method.toLowerCase()]) throw new Error(`openapi: ${op.method} ${op.path} is described twice`);
    item[op.method.toLowerCase()] = operation(c, op);
  }
  return paths;
}

const byName = <T>(entries: [string, T][]) => Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));

export function buildDocument(modules: ModuleDef[]): Json {
  const ops = [...hubOperations, ...serviceOperations, ...ocpiOperations(modules), ...adminOperations];
  const headers = [...Object.values(requestHeaders), ...Object.values(responseHeaders)];
  const uses = [
    ...ops.flatMap(usesOf),
    ...Object.values(sharedAnswers).flatMap((a) => (a.schema ? [{ schema: a.schema, io: 'output' as const }] : [])),
    ...headers.map((h) => ({ schema: h.schema, io: 'output' as const })),
  ];
  const c = convert(namedSchemas(), descriptions, uses);
  return {
    openapi: '3.1.1',
    info: {
      title: 'ocpi-hub',
      version: VERSION,
      summary: 'An OCPI 2.2.1 roaming hub: the OCPI interfaces, its extensions and the admin API',
      description: INTRODUCTION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: TAGS,
    paths: pathsOf(c, ops),
    components: {
      schemas: c.components,
      parameters: byName(
        Object.entries(requestHeaders).map(([key, h]) => [
          key,
          {
            name: h.name,
            in: 'header',
            required: false,
            description: h.description,
            schema: c.json(h.schema, 'output'),
          },
        ]),
      ),
      headers: byName(
        Object.entries(responseHeaders).map(([key, h]) => [
          key,
          { description: h.description, required: h.required ?? false, schema: c.json(h.schema, 'output') },
        ]),
      ),
      responses: byName(Object.entries(sharedAnswers).map(([key, a]) => [key, response(c, a)])),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

/** The committed form: 2-space indent, a trailing newline (key order is fixed by buildDocument). */
export const serialize = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;
