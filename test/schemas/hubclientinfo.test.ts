import { ClientInfo } from '../../src/modules/hubclientinfo/schema';
import { aClientInfo, issuePaths, without } from '../builders';

describe('ClientInfo', () => {
  it('when the builder output is parsed then it is accepted unchanged', () => {
    expect(ClientInfo.parse(aClientInfo())).toEqual(aClientInfo());
  });

  it('when a required field is missing then the issue names it', () => {
    expect(issuePaths(ClientInfo, without(aClientInfo(), 'last_updated'))).toEqual(['last_updated']);
  });

  it('when party_id is too long, status unknown or last_updated unreal then each issue names its field', () => {
    expect(issuePaths(ClientInfo, aClientInfo({ party_id: 'VOLT' }))).toEqual(['party_id']);
    expect(issuePaths(ClientInfo, aClientInfo({ status: 'ONLINE' as never }))).toEqual(['status']);
    expect(issuePaths(ClientInfo, aClientInfo({ last_updated: '2024-13-01T00:00:00Z' }))).toEqual(['last_updated']);
  });

  it('when party_id has fewer than three characters then it is accepted', () => {
    expect(issuePaths(ClientInfo, aClientInfo({ party_id: 'V1', role: 'EMSP' }))).toEqual([]);
  });

  it('when unknown fields are present then they survive parsing', () => {
    expect(ClientInfo.parse({ ...aClientInfo(), x_region: 'EU' }).x_region).toBe('EU');
  });

  it('when last_updated ends in +00:00 then it is read as UTC and written with Z', () => {
    expect(ClientInfo.parse(aClientInfo({ last_updated: '2025-06-02T08:15:00+00:00' })).last_updated).toBe(
      '2025-06-02T08:15:00Z',
    );
  });
});
