// Admin API for keys: a platform's own public keys (it signs to the hub; the hub encrypts to it) and rotation
// of the hub's signing and encryption keys (retired keys stay in the JWKS for HUB_KEY_GRACE_DAYS).
import { Router } from 'express';
import { z } from 'zod';
import { config } from '../config';
import { assertEncryptionJwk } from '../crypto/jwe';
import { assertSigningJwk } from '../crypto/jws';
import { jwks, rotateEncryptionKey, rotateSigningKey } from '../crypto/signing-keys';
import { getPlatform, updatePlatform } from '../parties/store';
import { AdminError, parseAdmin } from './schema';
import { platformView } from './view';

const Jwk = z.record(z.string(), z.unknown()).nullable().optional();
export const PlatformKeys = z.strictObject({ signing: Jwk, encryption: Jwk });
export const Rotate = z.strictObject({ use: z.enum(['sig', 'enc', 'both']).default('both') });

function checked(assert: (jwk: unknown) => void, jwk: unknown, which: string): void {
  try {
    assert(jwk);
  } catch (error) {
    throw new AdminError(400, `${which}: ${(error as Error).message}`);
  }
}

export const platformKeysRouter = Router({ mergeParams: true });

platformKeysRouter.put('/', async (req, res) => {
  const platform = await getPlatform(String((req.params as { id: string }).id)).catch(() => null);
  if (!platform?.active) throw new AdminError(404, 'no live platform with this id');
  const body = parseAdmin(PlatformKeys, req.body);
  const set: Record<string, unknown> = {};
  for (const [which, assert] of [
    ['signing', assertSigningJwk],
    ['encryption', assertEncryptionJwk],
  ] as const) {
    const jwk = body[which];
    if (jwk === undefined) continue; // absent: unchanged; null: removed
    if (jwk !== null) checked(assert, jwk, which);
    set[`keys.${which}`] = jwk;
  }
  res.json(platformView((await updatePlatform(platform._id, set)) ?? platform));
});

export const hubKeysRouter = Router();

hubKeysRouter.post('/rotate', async (req, res) => {
  const { use } = parseAdmin(Rotate, req.body);
  if (use !== 'enc') await rotateSigningKey();
  if (use !== 'sig') await rotateEncryptionKey();
  res.json(jwks(config.keyGraceDays));
});

hubKeysRouter.get('/', (_req, res) => {
  res.json(jwks(config.keyGraceDays));
});
