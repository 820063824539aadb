// A platform's tokens: Token A and Token C found by blind index (never stored in clear), Token B and C kept
// sealed, the token offered during a handshake, and the short cache that spares a lookup per request.
import type { Types } from 'mongoose';
import { blindIndex, seal, unseal } from '../crypto/seal';
import { newToken } from '../crypto/tokens';
import { afterWrite, onInvalidate } from './directory';
import { PlatformModel, type Platform } from './model';

// Tokens seen in the last 2 s, by presented value: one database lookup per party and window instead of per
// request. Cleared on every platform write (afterWrite); another replica's change (rotation, suspension) shows within 2 s.
const TOKEN_CACHE_MS = 2000;
const tokenCache = new Map<string, { at: number; found: TokenHolder }>();
onInvalidate(() => tokenCache.clear());

const TOKEN_A = 'token-a';
const TOKEN_C = 'token-c';
export const indexA = (token: string) => blindIndex(TOKEN_A, token);
export const indexC = (token: string) => blindIndex(TOKEN_C, token);

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
    if (hit && Date.now() - hit.at < TOKEN_CACHE_MS) return hit.found;
  }
  const found = await lookUpToken(candidates);
  if (found) {
    if (tokenCache.size > 10_000) tokenCache.clear();
    tokenCache.set(found.token, { at: Date.now(), found });
  }
  return found;
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

/** A fresh Token A; the previous one dies with the overwrite. */
export async function issueTokenA(id: Types.ObjectId): Promise<string> {
  const tokenA = newToken();
  await afterWrite(PlatformModel.updateOne({ _id: id }, { $set: { token_a_index: indexA(tokenA) } }));
  return tokenA;
}

/**
 * The hub's credentials POST/PUT carries its new Token C, and the party calls the hub back with it before
 * answering (credentials.asciidoc: it fetches the hub's versions and endpoints): so the token is valid from the
 * moment it is sent. Kept by saveConnection/saveTokens once the party answered 1000, dropped otherwise.
 */
export const offerTokenC = (id: Types.ObjectId, token: string) =>
  afterWrite(PlatformModel.updateOne({ _id: id }, { $set: { token_c_pending_index: indexC(token) } }));
export const withdrawTokenC = (id: Types.ObjectId, token: string) =>
  afterWrite(
    PlatformModel.updateOne(
      { _id: id, token_c_pending_index: indexC(token) },
      { $unset: { token_c_pending_index: 1 } },
    ),
  );

/** The party accepted the hub's PUT: from now on only the new tokens count, both ways. */
export const saveTokens = (id: Types.ObjectId, tokenB: string, tokenC: string) =>
  afterWrite(
    PlatformModel.updateOne(
      { _id: id },
      {
        $set: { token_b_sealed: seal(tokenB), token_c_sealed: seal(tokenC), token_c_index: indexC(tokenC) },
        $unset: { token_c_pending_index: 1 },
      },
    ),
  );
export const expectTokenA = (tokenA: string) => ({ token_a_index: indexA(tokenA) });
export const expectTokenC = (tokenC: string) => ({ token_c_index: indexC(tokenC) });

const openedB = new Map<string, string>();
/** Token B, opened once per sealed value: every delivery to the platform needs it (a new token is a new value). */
export function tokenB(p: Platform): string | undefined {
  const sealed = p.token_b_sealed;
  if (!sealed) return undefined;
  let token = openedB.get(sealed);
  if (token === undefined) {
    if (openedB.size >= 10_000) openedB.clear(); // bounded: one entry per platform and rotation
    openedB.set(sealed, (token = unseal(sealed)));
  }
  return token;
}
export const tokenC = (p: Platform) => (p.token_c_sealed ? unseal(p.token_c_sealed) : undefined);
