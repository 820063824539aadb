import { AuthorizationInfo, Token, TokenPatch } from '../../src/modules/tokens/schema';
import { AT, aToken, anAuthorizationInfo, issuePaths, without } from '../builders';

describe('Token', () => {
  it('when the builder output is parsed then it is accepted unchanged', () => {
    expect(Token.parse(aToken())).toEqual(aToken());
  });

  it('when a required field is missing then the issue names it', () => {
    expect(issuePaths(Token, without(aToken(), 'issuer'))).toEqual(['issuer']);
  });

  it('when a string is too long, an enum bad or a DateTime unreal then each issue names its field', () => {
    expect(issuePaths(Token, aToken({ uid: 'U'.repeat(37) }))).toEqual(['uid']);
    expect(issuePaths(Token, aToken({ whitelist: 'SOMETIMES' as never }))).toEqual(['whitelist']);
    expect(issuePaths(Token, aToken({ last_updated: '2024-13-01T00:00:00Z' }))).toEqual(['last_updated']);
  });

  it('when unknown fields appear at any depth then they survive parsing', () => {
    const token = {
      ...aToken({ energy_contract: { supplier_name: 'Stadtwerke Nord', x_tariff: 'Öko' } as never }),
      x_fleet: true,
    };
    const parsed = Token.parse(token);
    expect(parsed.x_fleet).toBe(true);
    expect(parsed.energy_contract?.x_tariff).toBe('Öko');
  });

  it('when last_updated ends in +00:00 then it is read as UTC and written with Z', () => {
    expect(Token.parse(aToken({ last_updated: '2025-06-02T08:15:00+00:00' })).last_updated).toBe(
      '2025-06-02T08:15:00Z',
    );
  });
});

describe('TokenPatch', () => {
  it('when a PATCH lacks last_updated then it is refused (2.2.1 tokens: PATCH SHALL contain it)', () => {
    expect(issuePaths(TokenPatch, { valid: false })).toEqual(['last_updated']);
    expect(TokenPatch.parse({ valid: false, last_updated: AT })).toEqual({ valid: false, last_updated: AT });
  });
});

describe('AuthorizationInfo', () => {
  it('when the embedded token is incomplete then the issue path leads into it', () => {
    expect(AuthorizationInfo.parse(anAuthorizationInfo())).toEqual(anAuthorizationInfo());
    const info = anAuthorizationInfo({ token: without(aToken(), 'valid') as never });
    expect(issuePaths(AuthorizationInfo, info)).toEqual(['token.valid']);
  });
});
