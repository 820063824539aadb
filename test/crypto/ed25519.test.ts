// Ed25519 through libsodium where it loads: the same signatures as node:crypto (RFC 8032 signatures are deterministic).
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { ed25519Implementation, ed25519Sign } from '../../src/crypto/ed25519';

test('on this machine the signer is libsodium (its prebuilt addon loads)', () => {
  expect(ed25519Implementation).toBe('libsodium');
});

test('when 200 messages of 0 to 8 KB are signed with two keys, then each signature equals OpenSSL’s and verifies', () => {
  const keys = [generateKeyPairSync('ed25519'), generateKeyPairSync('ed25519')];
  for (let i = 0; i < 200; i++) {
    const { privateKey, publicKey } = keys[i % 2]!;
    const message = randomBytes((i * 41) % 8192);
    const signature = ed25519Sign(message, privateKey);
    expect(signature.equals(sign(null, message, privateKey))).toBe(true);
    expect(verify(null, message, publicKey, signature)).toBe(true);
  }
});

test('when the key is not an Ed25519 key, then signing throws instead of signing with something else', () => {
  const { privateKey } = generateKeyPairSync('x25519');
  expect(() => ed25519Sign(Buffer.from('x'), privateKey)).toThrow('not an Ed25519 private key');
});
