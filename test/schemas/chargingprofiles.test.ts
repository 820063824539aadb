import {
  ActiveChargingProfileResult,
  ChargingProfileResponse,
  ClearProfileResult,
  SetChargingProfile,
} from '../../src/modules/chargingprofiles/schema';
import { AT, aChargingProfile, aSetChargingProfile, issuePaths, without } from '../builders';

describe('SetChargingProfile', () => {
  it('when the builder output is parsed then it is accepted unchanged', () => {
    expect(SetChargingProfile.parse(aSetChargingProfile())).toEqual(aSetChargingProfile());
  });

  it('when a required field is missing then the issue names it', () => {
    expect(issuePaths(SetChargingProfile, without(aSetChargingProfile(), 'response_url'))).toEqual(['response_url']);
    const profile = without(aChargingProfile(), 'charging_rate_unit');
    expect(issuePaths(SetChargingProfile, aSetChargingProfile({ charging_profile: profile as never }))).toEqual([
      'charging_profile.charging_rate_unit',
    ]);
  });

  it('when an enum is bad or a DateTime unreal then the issue names the field', () => {
    const bad = aChargingProfile({ charging_rate_unit: 'kW' as never, start_date_time: '2024-13-01T00:00:00Z' });
    expect(issuePaths(SetChargingProfile, aSetChargingProfile({ charging_profile: bad }))).toEqual([
      'charging_profile.start_date_time',
      'charging_profile.charging_rate_unit',
    ]);
  });

  it('when a limit has more than one decimal then the issue names it', () => {
    const profile = aChargingProfile({ charging_profile_period: [{ start_period: 0, limit: 10.25 }] });
    expect(issuePaths(SetChargingProfile, aSetChargingProfile({ charging_profile: profile }))).toEqual([
      'charging_profile.charging_profile_period.0.limit',
    ]);
  });

  it('when unknown fields appear at any depth then they survive parsing', () => {
    const profile = { ...aChargingProfile(), x_reason: 'grid congestion' };
    const parsed = SetChargingProfile.parse({ ...aSetChargingProfile({ charging_profile: profile }), x_batch: 3 });
    expect(parsed.x_batch).toBe(3);
    expect(parsed.charging_profile.x_reason).toBe('grid congestion');
  });

  it('when start_date_time ends in +00:00 then it is read as UTC and written with Z', () => {
    const profile = aChargingProfile({ start_date_time: '2025-06-02T08:15:00+00:00' });
    expect(
      SetChargingProfile.parse(aSetChargingProfile({ charging_profile: profile })).charging_profile.start_date_time,
    ).toBe('2025-06-02T08:15:00Z');
  });
});

describe('responses and results', () => {
  it('when results carry known values then they are accepted, and unknown values are named', () => {
    expect(issuePaths(ChargingProfileResponse, { result: 'TOO_OFTEN', timeout: 60 })).toEqual([]);
    expect(issuePaths(ClearProfileResult, { result: 'DONE' })).toEqual(['result']);
    const active = { result: 'ACCEPTED', profile: { start_date_time: AT, charging_profile: aChargingProfile() } };
    expect(issuePaths(ActiveChargingProfileResult, active)).toEqual([]);
    expect(
      issuePaths(ActiveChargingProfileResult, { ...active, profile: { charging_profile: aChargingProfile() } }),
    ).toEqual(['profile.start_date_time']);
  });
});
