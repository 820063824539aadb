// RFC 8785 canonical JSON: number serialization, key order by UTF-16 code units, string escaping, refusals.
import { canonicalize } from '../../src/crypto/jcs';

/** A double from its IEEE 754 bit pattern, so the vectors name exact values. */
const fromBits = (hex: string) => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('JCS (RFC 8785)', () => {
  test.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // -0
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
  ])('when the double with bits %s is canonicalized then it reads %s', (bits, expected) => {
    expect(canonicalize(fromBits(bits))).toBe(expected);
  });

  test('when numbers arrive written in other forms then they serialize as ECMAScript does', () => {
    const fromWire = JSON.parse(
      '[1E21, 1e20, -0, 333333333.33333329, 4.50, 2e-3, 1e-7, 0.000000000000000000000000001, 100.0, 1e+30]',
    );
    expect(canonicalize(fromWire)).toBe(
      '[1e+21,100000000000000000000,0,333333333.3333333,4.5,0.002,1e-7,1e-27,100,1e+30]',
    );
  });

  test('when keys mix scripts and an astral character then they sort by UTF-16 code units, not code points', () => {
    const object = {
      '\u20ac': 'euro',
      '\r': 'cr',
      '\ufb33': 'hebrew',
      '1': 'one',
      '\u{1f600}': 'emoji',
      '\u0080': 'control',
      '\u00f6': 'o-umlaut',
    };
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33
    expect(canonicalize(object)).toBe(
      '{"\\r":"cr","1":"one","\u0080":"control","\u00f6":"o-umlaut","\u20ac":"euro","\u{1f600}":"emoji","\ufb33":"hebrew"}',
    );
  });

  test('when objects have 0 to 40 names (integer-like, astral, mixed) then the order is the default sort of their names', () => {
    const alphabet = ['a', 'B', '1', '10', '2', '\u00e9', '\u{1f600}', '\ufb33', '_', 'z9'];
    for (let size = 0; size <= 40; size++) {
      const object: Record<string, number> = {};
      for (let i = 0; i < size; i++) object[`${alphabet[(i * 7) % alphabet.length]}${alphabet[(i * 3) % 10]}${i}`] = i;
      const expected = `{${Object.keys(object)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${object[k]}`)
        .join(',')}}`;
      expect(canonicalize(object)).toBe(expected);
    }
  });

  test('when objects nest then every level is sorted and no whitespace is written', () => {
    const value = { z: [3, { b: true, a: null }], a: { y: 'x', b: [false] }, m: 'text' };
    expect(canonicalize(value)).toBe('{"a":{"b":[false],"y":"x"},"m":"text","z":[3,{"a":null,"b":true}]}');
  });

  test('when strings hold control characters, quotes and non-ASCII then they are escaped as JSON.stringify does', () => {
    const value = { s: '\u20ac$\u000f\nA\'B"\\/\u007f\u00e9' };
    expect(canonicalize(value)).toBe('{"s":"\u20ac$\\u000f\\nA\'B\\"\\\\/\u007f\u00e9"}');
  });

  test('when a value has no JSON form then it is treated as JSON.stringify treats it', () => {
    const value = { gone: undefined, fn: () => 1, list: [undefined, 1], when: new Date('2024-01-02T03:04:05.678Z') };
    expect(canonicalize(value)).toBe('{"list":[null,1],"when":"2024-01-02T03:04:05.678Z"}');
    expect(canonicalize(value)).toBe(canonicalize(JSON.parse(JSON.stringify(value))));
  });

  test('when a value is not I-JSON (NaN, Infinity, a lone surrogate, a BigInt) then canonicalize refuses it', () => {
    expect(() => canonicalize({ n: NaN })).toThrow(/NaN/);
    expect(() => canonicalize([Infinity])).toThrow(/Infinity/);
    expect(() => canonicalize({ s: 'a\ud800b' })).toThrow(/lone surrogate/);
    expect(() => canonicalize({ ['\udc00']: 1 })).toThrow(/lone surrogate/);
    expect(() => canonicalize(10n)).toThrow(/BigInt/);
    expect(() => canonicalize(undefined)).toThrow(/no JSON form/);
  });

  test('when a body is parsed from the wire then its canonical form does not depend on member order or spacing', () => {
    const a = JSON.parse('{ "b" : 1, "a" : [ 1.50, "x" ] }');
    const b = JSON.parse('{"a":[1.5,"x"],"b":1}');
    expect(canonicalize(a)).toBe(canonicalize(b));
    expect(canonicalize(a)).toBe('{"a":[1.5,"x"],"b":1}');
  });
});
