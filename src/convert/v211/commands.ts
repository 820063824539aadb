// Commands between 2.1.1 and the internal form (2.2.1). 2.1.1 (mod_commands.md) carries a 2.1.1 Token in
// START_SESSION and RESERVE_NOW, an integer reservation_id, and one CommandResponse {result} both as the
// CPO's answer and as the later callback to response_url; 2.2.1 splits these into CommandResponse and
// CommandResult, whose extra values and fields 2.1.1 cannot carry.
import { CommandResultType } from '../../modules/commands/schema';
import type { ConvertContext, Converted, ModuleConverter } from '../types';
import { copy, LossRecorder, Unconvertible, type Obj } from './common';
import { tokenFrom, tokenToInternal } from './tokens';

const RESPONSES_211 = new Set(['NOT_SUPPORTED', 'REJECTED', 'ACCEPTED', 'TIMEOUT', 'UNKNOWN_SESSION']);
const RESULTS_221: ReadonlySet<string> = new Set(CommandResultType.options);

/** A 2.1.1 eMSP's request: its token gets the eMSP as owner; response_url becomes the hub's (ctx.responseUrl). */
export function commandToInternal(type: string, body: unknown, ctx: ConvertContext): Obj {
  const c = copy(body);
  if (typeof ctx.responseUrl === 'string') c.response_url = ctx.responseUrl;
  if (type === 'START_SESSION' || type === 'RESERVE_NOW') c.token = tokenToInternal(c.token, ctx);
  if (type === 'RESERVE_NOW' && typeof c.reservation_id === 'number') c.reservation_id = String(c.reservation_id);
  return c;
}

/** A 2.2.1 request for a 2.1.1 CPO. */
export function commandFrom(type: string, body: unknown, ctx: ConvertContext, loss: LossRecorder): Obj {
  const c = copy(body);
  if (typeof ctx.responseUrl === 'string') c.response_url = ctx.responseUrl;
  if (type === 'START_SESSION' || type === 'RESERVE_NOW') c.token = tokenFrom(c.token, loss, 'token.');
  if (type === 'RESERVE_NOW') {
    const id = Number(c.reservation_id);
    if (!Number.isInteger(id))
      throw new Unconvertible(
        'reservation_id',
        `reservation_id "${String(c.reservation_id)}" is not the integer 2.1.1 requires`,
      );
    c.reservation_id = id;
  }
  if (type === 'CANCEL_RESERVATION')
    throw new Unconvertible('command', 'CANCEL_RESERVATION does not exist in OCPI 2.1.1');
  return loss.omit(c, ['authorization_reference', ...(type === 'START_SESSION' ? ['connector_id'] : [])]);
}

/** The hub's 2.2.1 CommandResult (or CommandResponse) for a 2.1.1 eMSP: {result} with a value 2.1.1 knows. */
export function responseFrom(body: unknown, loss: LossRecorder): Obj {
  const r = copy(body);
  const result = String(r.result);
  loss.omit(r, ['timeout', 'message']);
  if (!RESPONSES_211.has(result)) {
    loss.drop(`result:${result}`);
    r.result = 'REJECTED'; // EVSE_OCCUPIED, FAILED...: the command did not happen, as REJECTED says
  }
  return r;
}

/** A 2.1.1 CPO's callback to response_url as a 2.2.1 CommandResult. */
export function resultToInternal(body: unknown, loss: LossRecorder): Obj {
  const r = copy(body);
  if (!RESULTS_221.has(String(r.result))) {
    loss.drop(`result:${String(r.result)}`);
    r.result = 'FAILED'; // UNKNOWN_SESSION: the stop did not happen
  }
  return r;
}

/** A 2.1.1 CPO's synchronous answer as a 2.2.1 CommandResponse; 2.2.1 requires a timeout, the hub's own. */
export function responseToInternal(body: unknown, ctx: ConvertContext, loss: LossRecorder): Obj {
  const r = copy(body);
  if (r.result === 'TIMEOUT') {
    loss.drop('result:TIMEOUT');
    r.result = 'REJECTED';
  }
  return { ...r, timeout: typeof ctx.timeoutSeconds === 'number' ? ctx.timeoutSeconds : 30 };
}

export const commands: ModuleConverter = {
  toInternal(kind, body, ctx): Converted {
    const loss = new LossRecorder();
    if (kind.startsWith('command:')) return { value: commandToInternal(kind.slice(8), body, ctx), dropped: [] };
    if (kind === 'CommandResult') return { value: resultToInternal(body, loss), dropped: loss.dropped };
    if (kind === 'CommandResponse') return { value: responseToInternal(body, ctx, loss), dropped: loss.dropped };
    return { value: body, dropped: [] };
  },
  fromInternal(kind, body, ctx): Converted {
    const loss = new LossRecorder();
    if (kind.startsWith('command:'))
      return { value: commandFrom(kind.slice(8), body, ctx, loss), dropped: loss.dropped };
    if (kind === 'CommandResult' || kind === 'CommandResponse')
      return { value: responseFrom(body, loss), dropped: loss.dropped };
    return { value: body, dropped: [] };
  },
};
