// 2.1.1 credentials (credentials.md of 2.1.1): one flat object per party, {token, url, business_details,
// party_id, country_code}; the role is not in it, it is the single role the operator declared.
import { z } from 'zod';
import { forbidden } from '../../ocpi/errors';
import { BusinessDetails, ciString, CountryCode, PartyId, Url } from '../../ocpi/types';
import type { Credentials } from './schema';

export const Credentials211 = z.looseObject({
  token: ciString(64).min(1),
  url: Url,
  business_details: BusinessDetails,
  party_id: PartyId,
  country_code: CountryCode,
});
export type Credentials211 = z.infer<typeof Credentials211>;

/** A 2.1.1 platform has exactly one role; registering with several is not something 2.1.1 can express. */
export function singleRole(declared: { role: string }[]): string {
  const first = declared[0];
  if (declared.length !== 1 || !first) {
    throw forbidden(
      `an OCPI 2.1.1 party has exactly one role, but the hub operator declared ${declared.length} for this platform`,
    );
  }
  return first.role;
}

/** The flat 2.1.1 object read as 2.2.1 credentials with the declared role. */
export const fromFlat = (c: Credentials211, role: string): Credentials => {
  const { token, url, business_details, party_id, country_code } = c;
  return {
    token,
    url,
    roles: [{ role: role as Credentials['roles'][number]['role'], business_details, party_id, country_code }],
  };
};

/** 2.2.1 credentials written flat for a 2.1.1 party (its first role: the hub has one). */
export function toFlat(c: Credentials): Credentials211 {
  const role = c.roles[0];
  if (!role) throw forbidden('credentials without a role cannot be written as 2.1.1');
  return {
    token: c.token,
    url: c.url,
    business_details: role.business_details,
    party_id: role.party_id,
    country_code: role.country_code,
  };
}
