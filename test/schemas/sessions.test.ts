import { ChargingPreferences, Session, SessionPatch } from '../../src/modules/sessions/schema';
import { AT, aCdrToken, aSession, issuePaths, without } from '../builders';

describe('Session', () => {
  it('when the builder output is parsed then it is accepted unchanged', () => {
    expect(Session.parse(aSession())).toEqual(aSession());
  });

  it('when a required field is missing then the issue names it', () => {
    expect(issuePaths(Session, without(aSession(), 'cdr_token'))).toEqual(['cdr_token']);
    expect(issuePaths(Session, aSession({ cdr_token: without(aCdrToken(), 'party_id') as never }))).toEqual([
      'cdr_token.party_id',
    ]);
  });

  it('when a string is too long, an enum bad or a DateTime unreal then each issue names its field', () => {
    expect(issuePaths(Session, aSession({ id: 'S'.repeat(37) }))).toEqual(['id']);
    expect(issuePaths(Session, aSession({ status: 'STARTED' as never }))).toEqual(['status']);
    expect(issuePaths(Session, aSession({ start_date_time: '2024-13-01T00:00:00Z' }))).toEqual(['start_date_time']);
  });

  it('when a charging period has no dimensions then the issue names them', () => {
    const period = { start_date_time: AT, dimensions: [] };
    expect(issuePaths(Session, aSession({ charging_periods: [period] }))).toEqual(['charging_periods.0.dimensions']);
  });

  it('when evse_uid and connector_id are #NA for a reservation then it is accepted', () => {
    expect(issuePaths(Session, aSession({ status: 'RESERVATION', evse_uid: '#NA', connector_id: '#NA' }))).toEqual([]);
  });

  it('when unknown fields appear at any depth then they survive parsing', () => {
    const parsed = Session.parse({ ...aSession({ cdr_token: { ...aCdrToken(), x_card_label: 'Fleet' } }), x_trip: 7 });
    expect(parsed.x_trip).toBe(7);
    expect(parsed.cdr_token.x_card_label).toBe('Fleet');
  });

  it('when end_date_time ends in +00:00 then it is read as UTC and written with Z', () => {
    expect(Session.parse(aSession({ end_date_time: '2025-06-02T09:00:00+00:00' })).end_date_time).toBe(
      '2025-06-02T09:00:00Z',
    );
  });
});

describe('SessionPatch', () => {
  it('when a PATCH lacks last_updated then it is refused (2.2.1 sessions: PATCH SHALL contain it)', () => {
    expect(issuePaths(SessionPatch, { kwh: 14.2 })).toEqual(['last_updated']);
  });

  it('when a PATCH carries kwh, new charging periods and last_updated then it is accepted', () => {
    const body = {
      kwh: 14.2,
      charging_periods: [{ start_date_time: AT, dimensions: [{ type: 'ENERGY', volume: 1.35 }] }],
      last_updated: AT,
    };
    expect(SessionPatch.parse(body)).toEqual(body);
  });
});

describe('ChargingPreferences', () => {
  it('when the profile type is unknown then the issue names it', () => {
    expect(issuePaths(ChargingPreferences, { profile_type: 'CHEAP', energy_need: 20 })).toEqual([]);
    expect(issuePaths(ChargingPreferences, { profile_type: 'ECO' })).toEqual(['profile_type']);
  });
});
