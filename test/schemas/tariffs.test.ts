import { Tariff, TariffRestrictions } from '../../src/modules/tariffs/schema';
import { aTariff, issuePaths, without } from '../builders';

describe('Tariff', () => {
  it('when the builder output is parsed then it is accepted unchanged', () => {
    expect(Tariff.parse(aTariff())).toEqual(aTariff());
  });

  it('when a required field is missing then the issue names it', () => {
    expect(issuePaths(Tariff, without(aTariff(), 'last_updated'))).toEqual(['last_updated']);
    expect(issuePaths(Tariff, aTariff({ elements: [] }))).toEqual(['elements']);
  });

  it('when a string is too long, an enum bad or a DateTime unreal then each issue names its field', () => {
    expect(issuePaths(Tariff, aTariff({ id: 'T'.repeat(37) }))).toEqual(['id']);
    expect(issuePaths(Tariff, aTariff({ type: 'PROFILE_ECO' as never }))).toEqual(['type']);
    expect(issuePaths(Tariff, aTariff({ start_date_time: '2024-13-01T00:00:00Z' }))).toEqual(['start_date_time']);
  });

  it('when a price component is malformed then the issue path leads to it', () => {
    const elements = [{ price_components: [{ type: 'ENERGY' as const, price: 0.39, step_size: 0.5 }] }];
    expect(issuePaths(Tariff, aTariff({ elements }))).toEqual(['elements.0.price_components.0.step_size']);
  });

  it('when unknown fields appear at any depth then they survive parsing', () => {
    const elements = [{ price_components: [{ type: 'FLAT' as const, price: 1, step_size: 1, x_label: 'start' }] }];
    const parsed = Tariff.parse({ ...aTariff({ elements }), x_source: 'erp' });
    expect(parsed.x_source).toBe('erp');
    expect(parsed.elements[0]?.price_components[0]?.x_label).toBe('start');
  });

  it('when last_updated ends in +00:00 then it is read as UTC and written with Z', () => {
    expect(Tariff.parse(aTariff({ last_updated: '2025-06-02T08:15:00+00:00' })).last_updated).toBe(
      '2025-06-02T08:15:00Z',
    );
  });
});

describe('TariffRestrictions', () => {
  it('when times and dates follow the spec patterns then they are accepted', () => {
    const ok = { start_time: '22:00', end_time: '06:00', start_date: '2025-12-24', end_date: '2025-12-27' };
    expect(issuePaths(TariffRestrictions, ok)).toEqual([]);
  });

  it('when a time or date breaks its pattern then the issue names it', () => {
    expect(issuePaths(TariffRestrictions, { start_time: '24:00' })).toEqual(['start_time']);
    expect(issuePaths(TariffRestrictions, { end_date: '2025-13-01' })).toEqual(['end_date']);
    expect(issuePaths(TariffRestrictions, { day_of_week: ['MON'] })).toEqual(['day_of_week.0']);
  });
});
