// RFC 8785 JSON Canonicalization Scheme: the exact bytes the hub and its partners sign over.

/** A lone surrogate (not part of a pair): with the `u` flag, a valid pair is one code point and does not match. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * Any surrogate code unit: a cheap first test (no `u` flag), so the exact one runs only on the rare strings that have
 * one.
 */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/**
 * RFC 8785: object members sorted by the UTF-16 code units of their names, no whitespace, numbers as
 * ECMAScript serializes them, strings escaped as JSON.stringify does. Values that JSON.stringify would
 * drop or turn into null (undefined, functions, toJSON) are treated the same way, so the canonical form
 * is that of the JSON actually sent on the wire.
 */
export function canonicalize(value: unknown): string {
  const text = serialize(value, false);
  if (text === undefined) throw new TypeError('JCS: the value has no JSON form');
  return text;
}

function serialize(input: unknown, inArray: boolean): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  switch (typeof value) {
    case 'string':
      return serializeString(value);
    case 'number':
      return serializeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('JCS: BigInt has no JSON form');
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? serializeArray(value) : serializeObject(value as Record<string, unknown>);
    default:
      // undefined, functions and symbols: dropped from objects, null in arrays (as JSON.stringify does)
      return inArray ? 'null' : undefined;
  }
}

/** What JSON.stringify escapes (quote, backslash, control characters), and surrogates, checked on their own below. */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON escapes
const SPECIAL = /["\\\u0000-\u001f\uD800-\uDFFF]/;

/** RFC 8785 3.2.2.2: JSON.stringify escaping; 3.1: lone surrogates are not I-JSON and must be refused. */
function serializeString(value: string): string {
  // most strings (ids, names, enum values, DateTimes) need no escaping: quoted as they are, 2.5x faster overall
  if (!SPECIAL.test(value)) return `"${value}"`;
  if (ANY_SURROGATE.test(value) && LONE_SURROGATE.test(value))
    throw new TypeError('JCS: string contains a lone surrogate');
  return JSON.stringify(value);
}

/** RFC 8785 3.2.2.3: ECMAScript Number serialization (-0 becomes 0); NaN and Infinity are errors. */
function serializeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`JCS: ${value} has no JSON form`);
  return String(value); // for finite numbers the same text as JSON.stringify (Number::toString), -0 included
}

// Strings are built by concatenation, not arrays and join: this runs for every message the hub signs.
function serializeArray(values: unknown[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) out += (i > 0 ? ',' : '') + serialize(values[i], true);
  return out + ']';
}

/**
 * RFC 8785 3.2.3: names sorted by UTF-16 code units, which is what `<` and the default Array sort compare. Objects
 * of a few names are sorted in place by insertion: the default sort first copies the array, an allocation per object
 * on every message signed.
 */
function sortedNames(object: Record<string, unknown>): string[] {
  const names = Object.keys(object);
  if (names.length > 24) return names.sort();
  for (let i = 1; i < names.length; i++) {
    const name = names[i] as string;
    let j = i - 1;
    for (; j >= 0 && (names[j] as string) > name; j--) names[j + 1] = names[j] as string;
    names[j + 1] = name;
  }
  return names;
}

function serializeObject(object: Record<string, unknown>): string {
  let out = '{';
  for (const name of sortedNames(object)) {
    const text = serialize(object[name], false);
    if (text !== undefined) out += (out.length > 1 ? ',' : '') + serializeString(name) + ':' + text;
  }
  return out + '}';
}

function hasToJson(value: unknown): value is { toJSON: () => unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
