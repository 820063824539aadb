// A platform's tokens written and read: Token A and Token C kept as blind indexes (never in clear; who presents one
// is found by tokens.ts), Token B and C kept sealed, and the token offered during a handshake.
import type { Types } from 'mongoose';
import { seal, unseal } from '../crypto/seal';
import { newToken } from '../crypto/tokens';
import { afterWrite } from './directory';
import { PlatformModel, type Platform } from './model';
import { indexA, indexC } from './tokens';

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
