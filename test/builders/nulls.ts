// An object as partners that send `null` for empty optional fields write it: every optional field of the schema
// null, except where it holds an object or a non-empty list, whose own optional fields are nulled the same way.
import type { z } from 'zod';

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema under optional/pipe wrappers: the one whose shape or element says what the value holds. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.type === 'optional' && def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  return schema;
}

export function withNullOptionals(value: unknown, schema: z.ZodType): unknown {
  const def = defOf(unwrap(schema));
  if (def.type === 'array' && def.element && Array.isArray(value))
    return value.map((v) => withNullOptionals(v, def.element!));
  if (def.type !== 'object' || !def.shape || !isRecord(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [key, field] of Object.entries(def.shape)) {
    const nested = isRecord(out[key]) || (Array.isArray(out[key]) && (out[key] as unknown[]).length > 0);
    if (nested) out[key] = withNullOptionals(out[key], field);
    else if (defOf(field).type === 'optional') out[key] = null;
  }
  return out;
}

/** How many fields of the object are null, at any depth: a test's proof that it sent what it claims. */
export const countNulls = (value: unknown): number =>
  Array.isArray(value)
    ? value.reduce((n: number, v) => n + countNulls(v), 0)
    : isRecord(value)
      ? Object.values(value).reduce((n: number, v) => n + (v === null ? 1 : countNulls(v)), 0)
      : 0;
