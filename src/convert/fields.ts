// Small pure helpers the converters share: walking partial OCPI objects (PATCH bodies included) and lists of them.
import type { ModuleConverter } from './types';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies `convert` to each named field the object carries (partial objects, e.g. PATCH bodies, included). */
export function mapFields(body: unknown, fields: readonly string[], convert: (v: unknown) => unknown): unknown {
  if (!isObj(body)) return body;
  const out: Obj = { ...body };
  for (const f of fields) if (out[f] !== undefined && out[f] !== null) out[f] = convert(out[f]);
  return out;
}

/** One object or a page of them (GET-All answers). */
export const each = (body: unknown, f: (v: unknown) => unknown): unknown =>
  Array.isArray(body) ? body.map(f) : f(body);

/** Whether a field holds something worth counting as lost (null, [] and omitted are the same in OCPI). */
export const carries = (v: unknown): boolean => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

/** Records one field path a conversion could not carry. */
export type Lost = (path: string) => void;

/**
 * A converter for receivers of an older version: bodies enter unchanged, and leave through `convert`, losses counted.
 */
export function outbound(convert: (kind: string, body: unknown, lost: Lost) => unknown): ModuleConverter {
  return {
    toInternal: (_kind, body) => ({ value: body, dropped: [] }),
    fromInternal: (kind, body) => {
      const dropped: string[] = [];
      return { value: each(body, (b) => convert(kind, b, (p) => dropped.push(p))), dropped };
    },
  };
}
