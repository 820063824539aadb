// Test builder for hubclientinfo: a valid ClientInfo, shallowly overridable.
import type { ClientInfo } from '../../src/modules/hubclientinfo/schema';
import { AT } from './time';

export const aClientInfo = (overrides: Partial<ClientInfo> = {}): ClientInfo => ({
  party_id: 'VLT',
  country_code: 'NL',
  role: 'CPO',
  status: 'CONNECTED',
  last_updated: AT,
  ...overrides,
});
