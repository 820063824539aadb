// Tokens and AuthorizationInfo for 2.2.1 receivers: token types 2.2.1 does not list (2.3.0 EMAID, custom values)
// are sent as OTHER ("other type of token"), counted.
import { isKnown } from '../../ocpi/open-enum';
import { TokenType } from '../../ocpi/types';
import { isObj, outbound, type Lost } from '../fields';

/** The `type` of a Token or CdrToken, for a 2.2.1 receiver. */
export function tokenTypeTo221(holder: unknown, at: string, lost: Lost): unknown {
  if (!isObj(holder) || holder.type === undefined || isKnown(TokenType, holder.type)) return holder;
  lost(`${at}type`);
  return { ...holder, type: 'OTHER' };
}

/** A Token, or an AuthorizationInfo (its `token`). */
export const tokens = outbound((_kind, t, lost) =>
  isObj(t) && isObj(t.token) ? { ...t, token: tokenTypeTo221(t.token, 'token.', lost) } : tokenTypeTo221(t, '', lost),
);

/** A token URL's `?type=` for a 2.2.1 receiver: the same type the body is sent with. */
export const tokenUrlTo221 = (url: string): string =>
  url.replace(/([?&]type=)([^&#]+)/, (all, key: string, type: string) =>
    isKnown(TokenType, decodeURIComponent(type)) ? all : `${key}OTHER`,
  );
