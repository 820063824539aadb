// zod schemas for OCPI 2.2.1 Tokens, their PATCH body and real-time authorization results.
import { z } from 'zod';
import { clearable } from '../../ocpi/nulls';
import {
  CountryCode,
  DateTime,
  DisplayText,
  Language,
  LocationReferences,
  PartyId,
  ProfileType,
  TokenType,
  ciString,
  ocpiString,
} from '../../ocpi/types';

export const AllowedType = z.enum(['ALLOWED', 'BLOCKED', 'EXPIRED', 'NO_CREDIT', 'NOT_ALLOWED']);
export type AllowedType = z.infer<typeof AllowedType>;

export const WhitelistType = z.enum(['ALWAYS', 'ALLOWED', 'ALLOWED_OFFLINE', 'NEVER']);
export type WhitelistType = z.infer<typeof WhitelistType>;

export const EnergyContract = z.looseObject({
  supplier_name: ocpiString(64),
  contract_id: ocpiString(64).optional(),
});
export type EnergyContract = z.infer<typeof EnergyContract>;

export const Token = z.looseObject({
  country_code: CountryCode,
  party_id: PartyId,
  uid: ciString(36),
  type: TokenType,
  contract_id: ciString(36),
  visual_number: ocpiString(64).optional(),
  issuer: ocpiString(64),
  group_id: ciString(36).optional(),
  valid: z.boolean(),
  whitelist: WhitelistType,
  language: Language.optional(),
  default_profile_type: ProfileType.optional(),
  energy_contract: EnergyContract.optional(),
  last_updated: DateTime,
});
export type Token = z.infer<typeof Token>;

// 2.2.1 tokens, PATCH method: "Any request to the PATCH method SHALL contain the last_updated field."
export const TokenPatch = clearable(Token.partial().required({ last_updated: true }), Token);
export type TokenPatch = z.infer<typeof TokenPatch>;

export const AuthorizationInfo = z.looseObject({
  allowed: AllowedType,
  token: Token,
  location: LocationReferences.optional(),
  authorization_reference: ciString(36).optional(),
  info: DisplayText.optional(),
});
export type AuthorizationInfo = z.infer<typeof AuthorizationInfo>;
