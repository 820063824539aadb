// Optional values sent as `null` (types.asciidoc, cardinality: an optional field "might be null, or the field
// might be omitted", a list "might be null, [] or omitted"): read as omitted, so one zod schema of optional
// fields serves, and stored and sent omitted (strict receivers read omitted; the spec makes them equal).

/** A deep copy without object properties whose value is null; array elements are left to the schema. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/**
 * A PATCH's top-level nulls put back on its parsed body: there `null` clears the field (it is forwarded as sent,
 * and dropped from the stored object when the PATCH is merged), while an absent field stays unchanged.
 */
export function withPatchNulls<T>(sent: unknown, parsed: T): T {
  if (sent === null || typeof sent !== 'object' || Array.isArray(sent) || parsed === null || typeof parsed !== 'object') return parsed;
  const cleared = Object.entries(sent).filter(([, v]) => v === null);
  return cleared.length === 0 ? parsed : { ...parsed, ...Object.fromEntries(cleared) };
}

/** JSON text with null properties omitted (a merged PATCH's cleared fields), as objects are stored. */
export const jsonWithoutNulls = (value: unknown): string =>
  JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    return v === null && !Array.isArray(this) ? undefined : v;
  });
