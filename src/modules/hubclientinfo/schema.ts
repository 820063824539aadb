// zod schemas for OCPI 2.2.1 hubclientinfo: the ClientInfo the hub publishes about each connected party.
import { z } from 'zod';
import { CountryCode, DateTime, PartyId, Role } from '../../ocpi/types';

// PLANNED: registered but never connected; SUSPENDED: will never connect again.
export const ConnectionStatus = z.enum(['CONNECTED', 'OFFLINE', 'PLANNED', 'SUSPENDED']);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

// No PATCH in 2.2.1 hubclientinfo: the hub PUTs the whole object on every change.
export const ClientInfo = z.looseObject({
  party_id: PartyId,
  country_code: CountryCode,
  role: Role,
  status: ConnectionStatus,
  last_updated: DateTime,
});
export type ClientInfo = z.infer<typeof ClientInfo>;
