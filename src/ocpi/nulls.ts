// Optional values sent as `null` (types.asciidoc, cardinality: an optional field "might be null, or the field
// might be omitted", a list "might be null, [] or omitted"): read as omitted, so one zod schema of optional
// fields serves, and stored and sent omitted (strict receivers read omitted; the spec makes them equal).
import type { z } from 'zod';
import { invalidParameters } from './errors';

/**
 * The value without object properties whose value is null, at any depth; array elements are left to the schema.
 * What was sent is never changed: objects that held a null are copied, the rest are shared (most bodies have none).
 */
export function withoutNulls(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const w = withoutNulls(v);
      if (w !== v) (copy ??= value.slice())[i] = w;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    const w = v === null ? undefined : withoutNulls(v);
    if (w === v) continue;
    copy ??= { ...(value as Record<string, unknown>) };
    // defined, not assigned: a JSON key "__proto__" stays a plain property
    if (v === null) delete copy[k];
    else Object.defineProperty(copy, k, { value: w, writable: true, enumerable: true, configurable: true });
  }
  return copy ?? value;
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
export function jsonWithoutNulls(value: unknown): string {
  const text = JSON.stringify(value);
  // no "null" anywhere in the text: no null value to drop, and no need for the (much slower) replacer walk
  if (!text.includes('null')) return text;
  return JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    return v === null && !Array.isArray(this) ? undefined : v;
  });
}
