import {
  CountryAlpha3,
  CountryCode,
  Currency,
  DateTime,
  Language,
  PartyId,
  Url,
  ciString,
  ocpiString,
  toInstant,
} from '../../src/ocpi/types';

describe('DateTime', () => {
  it.each([
    ['2025-06-02T08:15:00Z', '2025-06-02T08:15:00Z'],
    ['2025-06-02T08:15:00', '2025-06-02T08:15:00Z'],
    ['2025-06-02T08:15:00.5Z', '2025-06-02T08:15:00.5Z'],
    ['2025-06-02T08:15:00.123', '2025-06-02T08:15:00.123Z'],
    ['2025-06-02T08:15:00.123456789', '2025-06-02T08:15:00.123456789Z'],
  ])('when %s is parsed then it is accepted as UTC and written %s', (value, written) =>
    expect(DateTime.parse(value)).toBe(written),
  );

  it('when a timestamp ends in +00:00 then it is accepted, the same instant and digits written with Z', () => {
    expect(DateTime.parse('2025-06-02T08:15:00.250+00:00')).toBe('2025-06-02T08:15:00.250Z');
  });

  it.each([
    '2024-13-01T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2025-06-02T24:00:00Z',
    '2025-06-02T08:15:00+01:00',
    '2025-06-02 08:15:00Z',
    '2025-06-02',
    '',
  ])('when %p is parsed then it is refused', (value) => {
    expect(DateTime.safeParse(value).success).toBe(false);
  });

  it('when a timestamp has no designator then toInstant reads it as UTC', () => {
    expect(toInstant('2025-06-02T08:15:00').toISOString()).toBe('2025-06-02T08:15:00.000Z');
    expect(toInstant('2025-06-02T08:15:00.5+00:00').toISOString()).toBe('2025-06-02T08:15:00.500Z');
    expect(() => toInstant('2024-13-01T00:00:00Z')).toThrow(RangeError);
  });
});

describe('strings', () => {
  it('when a CiString holds non-printable or non-ASCII characters then it is refused', () => {
    expect(ciString(10).safeParse('AB\tC').success).toBe(false);
    expect(ciString(10).safeParse('Ünïcode').success).toBe(false);
    expect(ciString(10).safeParse('Mixed Case').success).toBe(true);
  });

  it('when a string is longer than its maximum then it is refused', () => {
    expect(ocpiString(5).safeParse('Zürich').success).toBe(false);
    expect(ocpiString(6).safeParse('Zürich').success).toBe(true);
  });

  it('when country_code and party_id have their allowed lengths then they are accepted', () => {
    expect(CountryCode.safeParse('nl').success).toBe(true);
    expect(CountryCode.safeParse('NLD').success).toBe(false);
    expect(['A', 'AB', 'ABC'].map((id) => PartyId.safeParse(id).success)).toEqual([true, true, true]);
    expect(['', 'ABCD'].map((id) => PartyId.safeParse(id).success)).toEqual([false, false]);
  });

  it('when an ISO code is shorter than its fixed length then it is refused', () => {
    expect(
      [Currency.safeParse('EUR'), CountryAlpha3.safeParse('DEU'), Language.safeParse('nl')].every((r) => r.success),
    ).toBe(true);
    expect(
      [Currency.safeParse('EU'), CountryAlpha3.safeParse('DE'), Language.safeParse('n')].some((r) => r.success),
    ).toBe(false);
  });

  it('when a URL does not parse or exceeds 255 characters then it is refused', () => {
    expect(Url.safeParse('https://hub.example.com/ocpi/versions').success).toBe(true);
    expect(Url.safeParse('not a url').success).toBe(false);
    expect(Url.safeParse(`https://hub.example.com/${'x'.repeat(240)}`).success).toBe(false);
  });
});
