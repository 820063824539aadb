// Optional values sent as `null` (types.asciidoc, cardinality: an optional field "might be null, or the field
// might be omitted", a list "might be null, [] or omitted"): read as omitted, so one zod schema of optional
// fields serves, and stored and sent omitted (strict receivers read omitted; the spec makes them equal).
import type { z } from 'zod';
import { invalidParameters } from './errors';

/** A deep copy without object properties whose value is null; array elements are left to the schema. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

// The fields a PATCH may clear with null: those its whole object may omit.
const clearableFields = new WeakMap<z.ZodType, ReadonlySet<string>>();

/** Declares `patch` the PATCH schema of `object`: null there may clear only the fields `object` may omit. */
export function clearable<P extends z.ZodType>(patch: P, object: z.ZodObject): P {
  const optional = Object.entries(object.shape).filter(
    ([, field]) => (field as z.ZodType).safeParse(undefined).success,
  );
  clearableFields.set(patch, new Set(optional.map(([key]) => key)));
  return patch;
}

/**
 * A PATCH's top-level nulls put back on its parsed body: there `null` clears the field (it is forwarded as sent,
 * and dropped from the stored object when the PATCH is merged), while an absent field stays unchanged. A null
 * for a field the object requires is 2001.
 */
export function withPatchNulls<T>(sent: unknown, parsed: T, schema?: z.ZodType, where = 'body'): T {
  if (sent === null || typeof sent !== 'object' || Array.isArray(sent) || parsed === null || typeof parsed !== 'object')
    return parsed;
  const cleared = Object.entries(sent).filter(([, v]) => v === null);
  const allowed = schema && clearableFields.get(schema);
  const required = allowed ? cleared.map(([key]) => key).filter((key) => !allowed.has(key)) : [];
  if (required.length > 0)
    throw invalidParameters(required.map((key) => `${where}.${key}: required, cannot be cleared with null`).join('; '));
  return cleared.length === 0 ? parsed : { ...parsed, ...Object.fromEntries(cleared) };
}

/** JSON text with null properties omitted (a merged PATCH's cleared fields), as objects are stored. */
export const jsonWithoutNulls = (value: unknown): string =>
  JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    return v === null && !Array.isArray(this) ? undefined : v;
  });
