import { CommandResponse, CommandResult, StartSession, commandBody } from '../../src/modules/commands/schema';
import {
  aCancelReservation,
  aCommandResponse,
  aReserveNow,
  aStartSession,
  aStopSession,
  aToken,
  anUnlockConnector,
  issuePaths,
  without,
} from '../builders';

describe('command bodies', () => {
  it.each([
    ['START_SESSION', aStartSession()],
    ['STOP_SESSION', aStopSession()],
    ['RESERVE_NOW', aReserveNow()],
    ['CANCEL_RESERVATION', aCancelReservation()],
    ['UNLOCK_CONNECTOR', anUnlockConnector()],
  ] as const)('when a %s builder output is parsed with commandBody then it is accepted unchanged', (type, body) => {
    expect(commandBody[type].parse(body)).toEqual(body);
  });

  it('when response_url is missing or not a URL then the issue names it', () => {
    expect(issuePaths(commandBody.STOP_SESSION, without(aStopSession(), 'response_url'))).toEqual(['response_url']);
    expect(issuePaths(commandBody.STOP_SESSION, aStopSession({ response_url: 'results/5c1e9a' }))).toEqual([
      'response_url',
    ]);
  });

  it('when a string is too long or a DateTime unreal then the issue names the field', () => {
    expect(issuePaths(commandBody.CANCEL_RESERVATION, aCancelReservation({ reservation_id: 'R'.repeat(37) }))).toEqual([
      'reservation_id',
    ]);
    expect(issuePaths(commandBody.RESERVE_NOW, aReserveNow({ expiry_date: '2024-13-01T00:00:00Z' }))).toEqual([
      'expiry_date',
    ]);
  });

  it('when the token of a StartSession has a bad type then the issue path leads into it', () => {
    expect(issuePaths(StartSession, aStartSession({ token: aToken({ type: 'CARD' as never }) }))).toEqual([
      'token.type',
    ]);
  });

  it('when a StartSession names a connector without an EVSE then the issue names evse_uid', () => {
    expect(issuePaths(StartSession, without(aStartSession(), 'evse_uid'))).toEqual(['evse_uid']);
  });

  it('when unknown fields appear at any depth then they survive parsing', () => {
    const parsed = StartSession.parse({ ...aStartSession({ token: { ...aToken(), x_wallet: 'w1' } }), x_app: '4.2' });
    expect(parsed.x_app).toBe('4.2');
    expect(parsed.token.x_wallet).toBe('w1');
  });

  it('when expiry_date ends in +00:00 then it is read as UTC and written with Z', () => {
    expect(commandBody.RESERVE_NOW.parse(aReserveNow({ expiry_date: '2025-06-02T08:45:00+00:00' })).expiry_date).toBe(
      '2025-06-02T08:45:00Z',
    );
  });
});

describe('CommandResponse and CommandResult', () => {
  it('when the result enum is unknown or timeout fractional then the issue names the field', () => {
    expect(CommandResponse.parse(aCommandResponse())).toEqual(aCommandResponse());
    expect(issuePaths(CommandResponse, aCommandResponse({ result: 'OK' as never }))).toEqual(['result']);
    expect(issuePaths(CommandResponse, aCommandResponse({ timeout: 1.5 }))).toEqual(['timeout']);
    expect(
      issuePaths(CommandResult, { result: 'EVSE_OCCUPIED', message: [{ language: 'en', text: 'In use' }] }),
    ).toEqual([]);
    expect(issuePaths(CommandResult, { result: 'ACCEPTED', message: [{ language: 'eng', text: 'x' }] })).toEqual([
      'message.0.language',
    ]);
  });
});
