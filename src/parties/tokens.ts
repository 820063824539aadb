// Who a presented token belongs to (Token C in use or being offered, or a still-valid Token A), by its blind index.
import { blindIndex } from '../crypto/seal';
import { cachedLoads } from '../db/cached';
import { onInvalidate } from './directory';
import { PlatformModel, type Platform } from './model';

const TOKEN_A = 'token-a';
const TOKEN_C = 'token-c';
export const indexA = (token: string) => blindIndex(TOKEN_A, token);
export const indexC = (token: string) => blindIndex(TOKEN_C, token);

// Tokens seen in the last 2 s, by presented value: one database lookup per party and window instead of per
// request, made in the background once an entry is 1 s old, so a busy party's requests never wait for it
// (db/cached.ts). An unknown token is not kept. Dropped on every platform write (store.ts); another replica's
// change (rotation, suspension) shows within 2 s.
const TOKEN_CACHE_MS = 2000;
const tokens = cachedLoads(TOKEN_CACHE_MS, (token) => lookUpToken(token));
onInvalidate(() => tokens.drop());

export type TokenKind = 'A' | 'C' | 'pending';
export interface TokenHolder {
  platform: Platform;
  kind: TokenKind;
  token: string;
}

/** The platform a presented token belongs to: Token C (in use or being offered), or a still-valid Token A. */
export async function findByToken(candidates: string[]): Promise<TokenHolder | undefined> {
  // the readings in hand first: a party using the raw token must not pay a lookup of its base64 reading each time
  // (each reading once: one not found is not tried again in the same call)
  for (const token of new Set([...candidates.filter((t) => tokens.has(t)), ...candidates])) {
    const found = await tokens.get(token);
    if (found) return found;
  }
  return undefined;
}

async function lookUpToken(token: string): Promise<TokenHolder | undefined> {
  const c = indexC(token);
  const a = indexA(token);
  const p = await PlatformModel.findOne({
    active: true,
    $or: [{ token_c_index: c }, { token_c_pending_index: c }, { token_a_index: a }],
  }).lean<Platform>();
  if (!p) return undefined;
  return { platform: p, kind: p.token_c_index === c ? 'C' : p.token_c_pending_index === c ? 'pending' : 'A', token };
}
