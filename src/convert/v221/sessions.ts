// Sessions for 2.2.1 receivers: total_cost loses a 2.3.0 tax list (its total is incl_vat), an unlisted token type
// becomes OTHER.
import { isObj, outbound, type Lost, type Obj } from '../fields';
import { priceTo221 } from './tariffs';
import { tokenTypeTo221 } from './tokens';

/** The Prices and the CdrToken of a Session or CDR, for a 2.2.1 receiver. */
export function costsTo221(o: Obj, fields: readonly string[], lost: Lost): Obj {
  const out = { ...o };
  for (const f of fields) if (out[f] !== undefined) out[f] = priceTo221(out[f], f, lost);
  if (out.cdr_token !== undefined) out.cdr_token = tokenTypeTo221(out.cdr_token, 'cdr_token.', lost);
  return out;
}

export const sessions = outbound((_kind, s, lost) => (isObj(s) ? costsTo221(s, ['total_cost'], lost) : s));
