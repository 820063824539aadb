// Test builders for Tokens, CdrTokens and authorization results: valid objects, shallowly overridable.
import type { CdrToken } from '../../src/ocpi/types';
import type { AuthorizationInfo, Token } from '../../src/modules/tokens/schema';
import { AT } from './time';

export function aToken(overrides: Partial<Token> = {}): Token {
  return {
    country_code: 'DE',
    party_id: 'MXP',
    uid: '04A3B2C91F6E80',
    type: 'RFID',
    contract_id: 'DE-MXP-C12345678-9',
    visual_number: 'DE-MXP-1234-5678',
    issuer: 'Maxplug Mobility GmbH',
    valid: true,
    whitelist: 'ALLOWED',
    language: 'de',
    last_updated: AT,
    ...overrides,
  };
}

export function aCdrToken(overrides: Partial<CdrToken> = {}): CdrToken {
  return {
    country_code: 'DE',
    party_id: 'MXP',
    uid: '04A3B2C91F6E80',
    type: 'RFID',
    contract_id: 'DE-MXP-C12345678-9',
    ...overrides,
  };
}

export function anAuthorizationInfo(overrides: Partial<AuthorizationInfo> = {}): AuthorizationInfo {
  return {
    allowed: 'ALLOWED',
    token: aToken(),
    location: { location_id: 'UT-0042', evse_uids: ['VP-UT-0042-1'] },
    authorization_reference: 'AUTH-7F3K2Q',
    ...overrides,
  };
}
