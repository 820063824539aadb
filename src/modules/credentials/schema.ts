// Credentials objects (credentials.asciidoc): the token in a body is never base64-encoded.
import { z } from 'zod';
import { BusinessDetails, ciString, CountryCode, PartyId, Role, Url } from '../../ocpi/types';

export const CredentialsRole = z.looseObject({
  role: Role,
  business_details: BusinessDetails,
  party_id: PartyId,
  country_code: CountryCode,
});
export type CredentialsRole = z.infer<typeof CredentialsRole>;

export const Credentials = z.looseObject({
  token: ciString(64).min(1),
  url: Url,
  roles: z.array(CredentialsRole).min(1),
});
export type Credentials = z.infer<typeof Credentials>;
