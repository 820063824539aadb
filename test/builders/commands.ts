// Test builders for command requests and responses: valid objects, shallowly overridable.
import type {
  CancelReservation,
  CommandResponse,
  ReserveNow,
  StartSession,
  StopSession,
  UnlockConnector,
} from '../../src/modules/commands/schema';
import { aToken } from './tokens';

const RESPONSE_URL = 'https://emsp.maxplug.example.de/ocpi/2.2.1/commands/results/5c1e9a';

export const aStartSession = (overrides: Partial<StartSession> = {}): StartSession => ({
  response_url: RESPONSE_URL,
  token: aToken({ uid: 'APP-8842-1177', type: 'APP_USER', whitelist: 'NEVER' }),
  location_id: 'UT-0042',
  evse_uid: 'VP-UT-0042-1',
  connector_id: '1',
  authorization_reference: 'AUTH-7F3K2Q',
  ...overrides,
});

export const aStopSession = (overrides: Partial<StopSession> = {}): StopSession => ({
  response_url: RESPONSE_URL,
  session_id: 'S-20250602-000917',
  ...overrides,
});

export const aReserveNow = (overrides: Partial<ReserveNow> = {}): ReserveNow => ({
  response_url: RESPONSE_URL,
  token: aToken(),
  expiry_date: '2025-06-02T08:45:00Z',
  reservation_id: 'R-3381',
  location_id: 'UT-0042',
  evse_uid: 'VP-UT-0042-2',
  ...overrides,
});

export const aCancelReservation = (overrides: Partial<CancelReservation> = {}): CancelReservation => ({
  response_url: RESPONSE_URL,
  reservation_id: 'R-3381',
  ...overrides,
});

export const anUnlockConnector = (overrides: Partial<UnlockConnector> = {}): UnlockConnector => ({
  response_url: RESPONSE_URL,
  location_id: 'UT-0042',
  evse_uid: 'VP-UT-0042-1',
  connector_id: '2',
  ...overrides,
});

export const aCommandResponse = (overrides: Partial<CommandResponse> = {}): CommandResponse => ({
  result: 'ACCEPTED',
  timeout: 30,
  ...overrides,
});
