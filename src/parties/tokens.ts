// Who a presented token belongs to (Token C in use or being offered, or a still-valid Token A), by its blind index.
import { blindIndex } from '../crypto/seal';
import { onInvalidate } from './directory';
import { PlatformModel, type Platform } from './model';

const TOKEN_A = 'token-a';
const TOKEN_C = 'token-c';
export const indexA = (token: string) => blindIndex(TOKEN_A, token);
export const indexC = (token: string) => blindIndex(TOKEN_C, token);

// Tokens seen in the last 2 s, by presented value: one database lookup per party and window instead of per
// request, made in the background once an entry is 1 s old, so a busy party's requests never wait for it. Cleared
// on every platform write (store.ts); another replica's change (rotation, suspension) shows within 2 s.
const TOKEN_CACHE_MS = 2000;
const tokenCache = new Map<string, { at: number; found: TokenHolder }>();
const refreshing = new Set<string>();
let tokenGeneration = 0; // a lookup begun before a platform write is not kept after it
onInvalidate(() => {
  tokenCache.clear();
  tokenGeneration += 1;
});

export type TokenKind = 'A' | 'C' | 'pending';
export interface TokenHolder {
  platform: Platform;
  kind: TokenKind;
  token: string;
}

/** The platform a presented token belongs to: Token C (in use or being offered), or a still-valid Token A. */
export async function findByToken(candidates: string[]): Promise<TokenHolder | undefined> {
  for (const token of candidates) {
    const hit = tokenCache.get(token);
    const age = hit ? Date.now() - hit.at : Infinity;
    if (age > TOKEN_CACHE_MS / 2 && age < TOKEN_CACHE_MS) lookUpAgain(token);
    if (hit && age < TOKEN_CACHE_MS) return hit.found;
  }
  const found = await lookUpToken(candidates);
  if (found) {
    if (tokenCache.size > 10_000) tokenCache.clear();
    tokenCache.set(found.token, { at: Date.now(), found });
  }
  return found;
}

function lookUpAgain(token: string): void {
  if (refreshing.has(token)) return;
  refreshing.add(token);
  const [at, started] = [Date.now(), tokenGeneration];
  lookUpToken([token])
    .then((found) => {
      if (started !== tokenGeneration) return;
      if (found) tokenCache.set(token, { at, found });
      else tokenCache.delete(token); // revoked meanwhile: the next request looks it up (and is refused)
    })
    .catch(() => undefined) // the entry in hand serves until it is 2 s old, then a request looks up itself
    .finally(() => refreshing.delete(token));
}

async function lookUpToken(candidates: string[]): Promise<TokenHolder | undefined> {
  for (const token of candidates) {
    const c = indexC(token);
    const a = indexA(token);
    const p = await PlatformModel.findOne({
      active: true,
      $or: [{ token_c_index: c }, { token_c_pending_index: c }, { token_a_index: a }],
    }).lean<Platform>();
    if (p)
      return {
        platform: p,
        kind: p.token_c_index === c ? 'C' : p.token_c_pending_index === c ? 'pending' : 'A',
        token,
      };
  }
  return undefined;
}
