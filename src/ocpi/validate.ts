// zod at the edge: a parse failure becomes 2001 with a message naming the field (conventions table).
import type { z } from 'zod';
import { invalidParameters } from './errors';
import { withoutNulls, withPatchNulls } from './nulls';

export function describeIssues(error: z.ZodError, where: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const field = issue.path.reduce<string>(
        (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
        where,
      );
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/** Parses what a party sent, `null` read as omitted; a PATCH body keeps its top-level nulls (they clear fields). */
export function parseOcpi<S extends z.ZodType>(schema: S, value: unknown, where = 'body', patch = false): z.infer<S> {
  const result = schema.safeParse(withoutNulls(value));
  if (!result.success) throw invalidParameters(describeIssues(result.error, where));
  return patch ? withPatchNulls(value, result.data, schema, where) : result.data;
}

/** A body's id must be the one in the URL (compared as CiString); 2001 otherwise. Absent ids pass (PATCH). */
export function assertId(body: Record<string, unknown>, field: string, expected: string, where = field): void {
  const value = body[field];
  if (value !== undefined && String(value).toUpperCase() !== expected.toUpperCase()) {
    throw invalidParameters(`body.${field} "${String(value)}" differs from the ${where} "${expected}" in the URL`);
  }
}

/**
 * JSON nesting the hub accepts: far beyond any OCPI object, far below what recursion in JSON.stringify or zod survives.
 */
export const MAX_DEPTH = 64;

/** True when a parsed JSON value nests objects or arrays deeper than `max` levels (walked without recursion). */
export function tooDeep(value: unknown, max = MAX_DEPTH): boolean {
  // Two parallel stacks holding objects only: this walks every body, and a pair per value was most of its cost.
  const objects: object[] = [];
  const depths: number[] = [];
  const visit = (v: unknown, depth: number) => {
    if (v === null || typeof v !== 'object') return;
    objects.push(v);
    depths.push(depth);
  };
  visit(value, 1);
  while (objects.length > 0) {
    const v = objects.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > max) return true;
    if (Array.isArray(v)) for (const child of v) visit(child, depth + 1);
    else for (const key in v) if (Object.hasOwn(v, key)) visit(v[key], depth + 1);
  }
  return false;
}

/** 2001 for a body nested deeper than MAX_DEPTH, before anything recursive touches it. */
export function assertShallow(body: unknown): void {
  if (tooDeep(body)) throw invalidParameters(`body: nested deeper than ${MAX_DEPTH} levels`);
}
