import { jsonWithoutNulls, withoutNulls, withPatchNulls } from '../../src/ocpi/nulls';
import { parseOcpi } from '../../src/ocpi/validate';
import { SessionPatch } from '../../src/modules/sessions/schema';

describe('null optional fields (types.asciidoc: null and omitted are the same)', () => {
  it('when an object carries null properties at any depth then they are omitted; array elements are left to the schema', () => {
    const sent = { a: 1, b: null, c: { d: null, e: [{ f: null, g: 'x' }], h: [null, 2] }, i: false, j: 0, k: '' };
    expect(withoutNulls(sent)).toEqual({ a: 1, c: { e: [{ g: 'x' }], h: [null, 2] }, i: false, j: 0, k: '' });
    expect(sent.b).toBeNull(); // a copy: what was sent is left alone
  });

  it('when a body holds no null then it is returned as it is; a copy is made only of the objects that held one', () => {
    const clean = { a: 1, c: { e: [{ g: 'x' }] } };
    expect(withoutNulls(clean)).toBe(clean);
    const sent = { a: { b: null }, c: { d: 1 } };
    const out = withoutNulls(sent) as typeof sent;
    expect(out).toEqual({ a: {}, c: { d: 1 } });
    expect(out.c).toBe(sent.c);
    expect(sent.a.b).toBeNull();
    const proto = JSON.parse('{"__proto__":{"x":null},"y":null}') as object;
    const cleaned = withoutNulls(proto) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__']);
  });

  it('when a PATCH body is parsed then its top-level nulls stay (they clear fields) and nested ones go', () => {
    const body = {
      last_updated: '2025-06-02T10:00:00+00:00',
      total_cost: null,
      charging_periods: [
        { start_date_time: '2025-06-02T09:00:00Z', dimensions: [{ type: 'ENERGY', volume: 1 }], tariff_id: null },
      ],
    };
    expect(parseOcpi(SessionPatch, body, 'body', true)).toEqual({
      last_updated: '2025-06-02T10:00:00Z',
      total_cost: null,
      charging_periods: [{ start_date_time: '2025-06-02T09:00:00Z', dimensions: [{ type: 'ENERGY', volume: 1 }] }],
    });
    expect(parseOcpi(SessionPatch, body)).not.toHaveProperty('total_cost');
  });

  it('when a required field is null then it is refused as missing, naming it; a PATCH may not clear it either', () => {
    expect(() => parseOcpi(SessionPatch, { last_updated: null })).toThrow(/body\.last_updated/);
    expect(() =>
      parseOcpi(SessionPatch, { last_updated: '2025-06-02T10:00:00Z', kwh: null, end_date_time: null }, 'body', true),
    ).toThrow('body.kwh: required, cannot be cleared with null');
  });

  it('when a merged object is written as JSON then its null properties are omitted, nulls inside arrays kept', () => {
    expect(jsonWithoutNulls({ a: null, b: { c: null, d: 1 }, e: [null] })).toBe('{"b":{"d":1},"e":[null]}');
    expect(jsonWithoutNulls({ a: 'null', b: [1] })).toBe('{"a":"null","b":[1]}');
    expect(withPatchNulls('text', { a: 1 })).toEqual({ a: 1 });
  });
});
