import { Cdr, CdrLocation } from '../../src/modules/cdrs/schema';
import { aCdr, aTariff, issuePaths, without } from '../builders';

const location = () => aCdr().cdr_location;

describe('Cdr', () => {
  it('when the builder output is parsed then it is accepted unchanged', () => {
    expect(Cdr.parse(aCdr())).toEqual(aCdr());
  });

  it('when a required field is missing then the issue names it', () => {
    expect(issuePaths(Cdr, without(aCdr(), 'total_cost'))).toEqual(['total_cost']);
    expect(issuePaths(Cdr, aCdr({ charging_periods: [] }))).toEqual(['charging_periods']);
  });

  it('when the id fits CiString(39) then it is accepted and 40 characters are refused', () => {
    expect(issuePaths(Cdr, aCdr({ id: 'C'.repeat(39) }))).toEqual([]);
    expect(issuePaths(Cdr, aCdr({ id: 'C'.repeat(40) }))).toEqual(['id']);
  });

  it('when an enum is bad or a DateTime unreal then the issue names the field', () => {
    expect(issuePaths(Cdr, aCdr({ auth_method: 'RFID' as never }))).toEqual(['auth_method']);
    expect(issuePaths(Cdr, aCdr({ end_date_time: '2024-13-01T00:00:00Z' }))).toEqual(['end_date_time']);
  });

  it('when an embedded tariff is invalid then the issue path leads into it', () => {
    expect(issuePaths(Cdr, aCdr({ tariffs: [aTariff({ currency: 'EURO' })] }))).toEqual(['tariffs.0.currency']);
  });

  it('when credit is true without credit_reference_id then the issue names credit_reference_id', () => {
    expect(issuePaths(Cdr, aCdr({ id: 'CDR-20250602-000917-C', credit: true }))).toEqual(['credit_reference_id']);
    expect(issuePaths(Cdr, aCdr({ credit: true, credit_reference_id: 'CDR-20250602-000917' }))).toEqual([]);
  });

  it('when unknown fields appear at any depth then they survive parsing', () => {
    const parsed = Cdr.parse({ ...aCdr({ cdr_location: { ...location(), x_site_code: 'UT42' } }), x_batch: 'b1' });
    expect(parsed.x_batch).toBe('b1');
    expect(parsed.cdr_location.x_site_code).toBe('UT42');
  });

  it('when last_updated ends in +00:00 then it is read as UTC and written with Z', () => {
    expect(Cdr.parse(aCdr({ last_updated: '2025-06-02T08:15:00+00:00' })).last_updated).toBe('2025-06-02T08:15:00Z');
  });
});

describe('CdrLocation', () => {
  it('when address exceeds 45 characters then the issue names it (CdrLocation kept the old limit)', () => {
    expect(issuePaths(CdrLocation, { ...location(), address: 'x'.repeat(46) })).toEqual(['address']);
  });

  it('when the CDR is for a reservation then #NA EVSE and connector references are accepted', () => {
    expect(issuePaths(CdrLocation, { ...location(), evse_uid: '#NA', evse_id: '#NA', connector_id: '#NA' })).toEqual(
      [],
    );
  });
});
