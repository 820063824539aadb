// zod schemas for OCPI 2.2.1 command requests, the CPO's synchronous response and the async result.
import { z } from 'zod';
import { DateTime, DisplayText, Url, ciString } from '../../ocpi/types';
import { Token } from '../tokens/schema';

export const CommandType = z.enum([
  'CANCEL_RESERVATION',
  'RESERVE_NOW',
  'START_SESSION',
  'STOP_SESSION',
  'UNLOCK_CONNECTOR',
]);
export type CommandType = z.infer<typeof CommandType>;

export const CommandResponseType = z.enum(['NOT_SUPPORTED', 'REJECTED', 'ACCEPTED', 'UNKNOWN_SESSION']);
export type CommandResponseType = z.infer<typeof CommandResponseType>;

export const CommandResultType = z.enum([
  'ACCEPTED',
  'CANCELED_RESERVATION',
  'EVSE_OCCUPIED',
  'EVSE_INOPERATIVE',
  'FAILED',
  'NOT_SUPPORTED',
  'REJECTED',
  'TIMEOUT',
  'UNKNOWN_RESERVATION',
]);
export type CommandResultType = z.infer<typeof CommandResultType>;

export const CancelReservation = z.looseObject({ response_url: Url, reservation_id: ciString(36) });
export type CancelReservation = z.infer<typeof CancelReservation>;

export const ReserveNow = z.looseObject({
  response_url: Url,
  token: Token,
  expiry_date: DateTime,
  reservation_id: ciString(36),
  location_id: ciString(36),
  evse_uid: ciString(36).optional(),
  authorization_reference: ciString(36).optional(),
});
export type ReserveNow = z.infer<typeof ReserveNow>;

export const StartSession = z
  .looseObject({
    response_url: Url,
    token: Token,
    location_id: ciString(36),
    evse_uid: ciString(36).optional(),
    connector_id: ciString(36).optional(),
    authorization_reference: ciString(36).optional(),
  })
  .superRefine((s, ctx) => {
    // 2.2.1 StartSession.evse_uid: "Required when connector_id is set."
    if (s.connector_id !== undefined && s.evse_uid === undefined)
      ctx.addIssue({ code: 'custom', message: 'evse_uid is required with connector_id', path: ['evse_uid'] });
  });
export type StartSession = z.infer<typeof StartSession>;

export const StopSession = z.looseObject({ response_url: Url, session_id: ciString(36) });
export type StopSession = z.infer<typeof StopSession>;

export const UnlockConnector = z.looseObject({
  response_url: Url,
  location_id: ciString(36),
  evse_uid: ciString(36),
  connector_id: ciString(36),
});
export type UnlockConnector = z.infer<typeof UnlockConnector>;

/** The request body schema for each `POST {commands_url}/{command}`. */
export const commandBody = {
  CANCEL_RESERVATION: CancelReservation,
  RESERVE_NOW: ReserveNow,
  START_SESSION: StartSession,
  STOP_SESSION: StopSession,
  UNLOCK_CONNECTOR: UnlockConnector,
} as const satisfies Record<CommandType, z.ZodType>;

export const CommandResponse = z.looseObject({
  result: CommandResponseType,
  timeout: z.number().int(),
  message: z.array(DisplayText).optional(),
});
export type CommandResponse = z.infer<typeof CommandResponse>;

export const CommandResult = z.looseObject({
  result: CommandResultType,
  message: z.array(DisplayText).optional(),
});
export type CommandResult = z.infer<typeof CommandResult>;
