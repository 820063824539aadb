// Tokens and real-time authorization between 2.1.1 and the internal form (2.2.1). 2.1.1 (mod_tokens.md) names
// the contract `auth_id`, knows only RFID and OTHER, and its AuthorizationInfo carries no token; its
// LocationReferences has connector_ids, which 2.2.1 dropped.
import type { ConvertContext, Converted, ModuleConverter } from '../types';
import { copy, LossRecorder, rename, Unconvertible, type Obj } from './common';

const TYPES_211 = new Set(['RFID', 'OTHER']);
const ONLY_221 = ['group_id', 'default_profile_type', 'energy_contract'] as const;

export function tokenToInternal(body: unknown, ctx: ConvertContext, patch = false): Obj {
  const t = rename(copy(body), 'auth_id', 'contract_id');
  if (patch) return t;
  if (!ctx.owner)
    throw new Unconvertible(
      'country_code',
      'the sending party is unknown: a 2.1.1 token needs its owner from the connection',
    );
  return { country_code: ctx.owner.country_code, party_id: ctx.owner.party_id, ...t };
}

export function tokenFrom(body: unknown, loss: LossRecorder, prefix = ''): Obj {
  const t = rename(copy(body), 'contract_id', 'auth_id');
  delete t.country_code; // the owner is in the 2.1.1 URL path
  delete t.party_id;
  if (typeof t.type === 'string' && !TYPES_211.has(t.type)) {
    loss.drop(`${prefix}type:${t.type}`);
    t.type = 'OTHER';
  }
  return loss.omit(t, ONLY_221, prefix);
}

/** 2.1.1 LocationReferences → 2.2.1: connector_ids has no counterpart. */
export function locationReferencesToInternal(body: unknown, loss: LossRecorder): Obj {
  return loss.omit(copy(body), ['connector_ids']);
}

/** A 2.1.1 eMSP's AuthorizationInfo gets the token it was asked about (ctx.token: the hub's copy). */
export function authorizationToInternal(body: unknown, ctx: ConvertContext, loss: LossRecorder): Obj {
  const a = copy(body);
  if (!ctx.token) throw new Unconvertible('token', 'the authorized token is unknown to the hub');
  if (a.location !== undefined && a.location !== null) a.location = locationReferencesToInternal(a.location, loss);
  return { ...a, token: ctx.token };
}

export function authorizationFrom(body: unknown, loss: LossRecorder): Obj {
  const a = copy(body);
  delete a.token; // the requester knows which token it asked about
  return loss.omit(a, ['authorization_reference']);
}

export const tokens: ModuleConverter = {
  toInternal(kind, body, ctx): Converted {
    const loss = new LossRecorder();
    if (kind === 'token') return { value: tokenToInternal(body, ctx, ctx.patch === true), dropped: [] };
    if (kind === 'AuthorizationInfo') return { value: authorizationToInternal(body, ctx, loss), dropped: loss.dropped };
    if (kind === 'LocationReferences')
      return { value: locationReferencesToInternal(body, loss), dropped: loss.dropped };
    return { value: body, dropped: [] };
  },
  fromInternal(kind, body): Converted {
    const loss = new LossRecorder();
    if (kind === 'token') return { value: tokenFrom(body, loss), dropped: loss.dropped };
    if (kind === 'AuthorizationInfo') return { value: authorizationFrom(body, loss), dropped: loss.dropped };
    return { value: body, dropped: [] };
  },
};
