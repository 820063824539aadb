// Test aid: the paths of the zod issues a schema reports for a value, as dotted strings.
import type { z } from 'zod';

export function issuePaths(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

/** Removes `key` from a copy of `obj` (a builder's output) to test a missing required field. */
export function without<T extends object>(obj: T, key: keyof T): Partial<T> {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}
