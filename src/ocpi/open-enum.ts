// OCPI 2.3.0 OpenEnums (types.asciidoc, "OpenEnum"): fields whose value list 2.3.0 left open (connector standards,
// token types, capabilities...). The hub's internal form keeps values it does not know, so a 2.3.0 sender's `MCS`
// connector reaches 2.3.0 receivers unchanged; 2.2.1 senders stay held to the closed 2.2.1 lists.
import { z } from 'zod';

// Parsing is synchronous, so a flag set for the duration of one parse cannot leak into another request.
let acceptUnknown = false;

/** The known values, or (while `withOpenEnums` runs) any other non-empty printable ASCII value of at most 255 characters. */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const unknown = z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .refine(() => acceptUnknown, { message: `Invalid option: expected one of ${values.map((v) => JSON.stringify(v)).join('|')}` });
  return z.union([z.enum(values), unknown]);
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

/** The values an OpenEnum lists: what a 2.2.1 receiver may be sent. */
export function isKnown(schema: { options: readonly [{ options: readonly string[] }, unknown] }, value: unknown): boolean {
  return typeof value === 'string' && schema.options[0].options.includes(value);
}
