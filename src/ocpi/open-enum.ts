// OCPI 2.3.0 OpenEnums (types.asciidoc, "OpenEnum"): fields whose value list 2.3.0 left open (connector standards,
// token types, capabilities...). The hub's internal form keeps values it does not know, so a 2.3.0 sender's `MCS`
// connector reaches 2.3.0 receivers unchanged; 2.2.1 senders stay held to the closed 2.2.1 lists, and the
// OpenAPI document shows those lists (what the 2.2.1 interface accepts and 2.2.1 receivers are sent).
import { z } from 'zod';

// Parsing is synchronous, so a flag set for the duration of one parse cannot leak into another request.
let acceptUnknown = false;
const REFUSED = Symbol('not a listed value');
const lists = new WeakMap<object, readonly string[]>();

/** Any other value a 2.3.0 sender may use: non-empty printable ASCII without spaces, at most 255 characters. */
const openValue = (v: unknown): v is string => typeof v === 'string' && /^[\x21-\x7E]{1,255}$/.test(v);

/** The listed values, or (while `withOpenEnums` runs) any other value of the OpenEnum shape. */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const message = `Invalid option: expected one of ${values.map((v) => JSON.stringify(v)).join('|')}`;
  const schema = z
    .enum(values)
    .catch((ctx) => (acceptUnknown && openValue(ctx.value) ? ctx.value : REFUSED) as T[number])
    .refine((v) => (v as unknown) !== REFUSED, { message });
  lists.set(schema, values);
  return schema;
}

/** Runs a synchronous parse in which OpenEnum fields accept values beyond the 2.2.1 lists (a 2.3.0 sender's). */
export function withOpenEnums<R>(parse: () => R): R {
  const before = acceptUnknown;
  acceptUnknown = true;
  try {
    return parse();
  } finally {
    acceptUnknown = before;
  }
}

/** Whether `value` is one the OpenEnum lists: what a 2.2.1 receiver may be sent. */
export function isKnown(schema: object, value: unknown): boolean {
  return typeof value === 'string' && (lists.get(schema)?.includes(value) ?? false);
}
