// JWE bodies: round trips with a standard JOSE library in both directions, and the checks on partners' public JWKs.
import { generateKeyPairSync } from 'node:crypto';
import * as jose from 'jose';
import mongoose from 'mongoose';
import { config } from '../../src/config';
import { assertEncryptionJwk, decryptWithHub, encryptFor } from '../../src/crypto/jwe';
import { assertSigningJwk } from '../../src/crypto/jws';
import { loadKeyring } from '../../src/crypto/keyring';
import { encryptionKeys, jwks, loadSigningKeys, rotateEncryptionKey } from '../../src/crypto/signing-keys';

const body = JSON.stringify({
  status_code: 1000,
  data: { id: 'S1', cdr_token: { uid: '012345678', contract_id: 'DE-EMA-C12345678-X' }, kwh: 12.5 },
});
const hubEncJwk = (crv = 'X25519') => jwks(7).keys.find((k) => k.use === 'enc' && k.crv === crv) as jose.JWK;
const toHub = (
  plaintext: string,
  key: Parameters<jose.CompactEncrypt['encrypt']>[0],
  header: jose.CompactJWEHeaderParameters,
) => new jose.CompactEncrypt(Buffer.from(plaintext)).setProtectedHeader(header).encrypt(key);

beforeAll(async () => {
  await mongoose.connect(config.mongodbUri ?? '');
  await loadKeyring();
  await loadSigningKeys();
});

afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

describe('JWE (ECDH-ES+A256KW, A256GCM)', () => {
  test.each(['P-256', 'X25519'])(
    'when the hub encrypts for a %s key then jose decrypts it with the private key',
    async (crv) => {
      const { publicKey, privateKey } = await jose.generateKeyPair('ECDH-ES+A256KW', { crv });
      const recipient = { ...(await jose.exportJWK(publicKey)), kid: 'emsp-enc-1' };
      assertEncryptionJwk(recipient);
      const jwe = await encryptFor(body, recipient);
      const { plaintext, protectedHeader } = await jose.compactDecrypt(jwe, privateKey);
      expect(Buffer.from(plaintext).toString('utf8')).toBe(body);
      expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: 'emsp-enc-1', epk: { crv } });
    },
  );

  test.each(['X25519', 'P-256'])(
    'when a partner encrypts with jose to the published %s key then the hub decrypts it, with or without kid',
    async (crv) => {
      const key = await jose.importJWK(hubEncJwk(crv), 'ECDH-ES+A256KW');
      const withKid = await toHub(body, key, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: hubEncJwk(crv).kid });
      expect(await decryptWithHub(withKid)).toBe(body);
      const bare = await new jose.CompactEncrypt(Buffer.from('{"ü":"€"}'))
        .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' })
        .setKeyManagementParameters({ apu: Buffer.from('Alice'), apv: Buffer.from('Bob') })
        .encrypt(key);
      expect(await decryptWithHub(bare)).toBe('{"ü":"€"}');
    },
  );

  test('when the JWKS is read then it offers one X25519 and one P-256 encryption key', () => {
    expect(
      jwks(7)
        .keys.filter((k) => k.use === 'enc')
        .map((k) => `${k.kty} ${k.crv}`)
        .sort(),
    ).toEqual(['EC P-256', 'OKP X25519']);
    expect(hubEncJwk('P-256')).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: expect.stringMatching(/^[\w-]{43}$/),
      y: expect.stringMatching(/^[\w-]{43}$/),
      kid: encryptionKeys('P-256')[0]?.kid,
      use: 'enc',
      alg: 'ECDH-ES+A256KW',
    });
  });

  test('when the hub keys rotated after a partner encrypted then the JWE still decrypts by its kid, on either curve', async () => {
    const old = { x: hubEncJwk('X25519'), p: hubEncJwk('P-256') };
    const jwe = async (jwk: jose.JWK) =>
      toHub(body, await jose.importJWK(jwk, 'ECDH-ES+A256KW'), { alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: jwk.kid });
    const sent = [await jwe(old.x), await jwe(old.p)];
    await rotateEncryptionKey();
    expect(encryptionKeys()[0]?.kid).not.toBe(old.x.kid);
    expect(encryptionKeys('P-256')[0]?.kid).not.toBe(old.p.kid);
    for (const one of sent) expect(await decryptWithHub(one)).toBe(body);
  });

  test('when a JWE is altered, unknown or not for the hub then decryptWithHub throws a clear error', async () => {
    const key = await jose.importJWK(hubEncJwk(), 'ECDH-ES+A256KW');
    const jwe = await toHub(body, key, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' });
    const parts = jwe.split('.');
    const flipped = Buffer.from(parts[3] as string, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    await expect(
      decryptWithHub([...parts.slice(0, 3), flipped.toString('base64url'), parts[4]].join('.')),
    ).rejects.toThrow(/altered/);
    await expect(decryptWithHub(parts.slice(0, 4).join('.'))).rejects.toThrow(/compact/);
    const other = await jose.generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' });
    const p384 = await jose.generateKeyPair('ECDH-ES+A256KW', { crv: 'P-384' });
    await expect(
      decryptWithHub(await toHub(body, p384.publicKey, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' })),
    ).rejects.toThrow(/epk must be an X25519 or a P-256 key/);
    const notOurs = await toHub(body, other.publicKey, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: 'someone-else' });
    await expect(decryptWithHub(notOurs)).rejects.toThrow(/kid someone-else is not a hub encryption key/);
    await expect(
      decryptWithHub(await toHub(body, other.publicKey, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' })),
    ).rejects.toThrow(/wrong key or altered/);
    const direct = await toHub(body, key, { alg: 'ECDH-ES', enc: 'A256GCM' });
    await expect(decryptWithHub(direct)).rejects.toThrow(/expected alg ECDH-ES\+A256KW/);
    const cbc = await toHub(body, key, { alg: 'ECDH-ES+A256KW', enc: 'A256CBC-HS512' });
    await expect(decryptWithHub(cbc)).rejects.toThrow(/expected alg ECDH-ES\+A256KW and enc A256GCM/);
  });

  test('when a partner registers keys then only public P-256 / X25519 (enc) and Ed25519 (sig) JWKs pass', () => {
    const pub = (type: 'x25519' | 'ed25519' | 'ec') =>
      (type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync(type as 'x25519')
      ).publicKey.export({ format: 'jwk' });
    const ed = generateKeyPairSync('ed25519');
    expect(() => assertEncryptionJwk(pub('ec'))).not.toThrow();
    expect(() => assertEncryptionJwk({ ...pub('x25519'), use: 'enc', alg: 'ECDH-ES+A256KW' })).not.toThrow();
    expect(() =>
      assertSigningJwk({ ...ed.publicKey.export({ format: 'jwk' }), alg: 'EdDSA', use: 'sig', kid: 'k1' }),
    ).not.toThrow();
    expect(() => assertEncryptionJwk(ed.publicKey.export({ format: 'jwk' }))).toThrow(
      'encryption key: must be kty EC with crv P-256, or kty OKP with crv X25519 (got OKP Ed25519)',
    );
    expect(() =>
      assertEncryptionJwk(generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' })),
    ).toThrow(/got EC P-384/);
    expect(() => assertEncryptionJwk({ ...pub('ec'), y: pub('ec').x })).toThrow(
      'encryption key: x/y are not a point on P-256',
    );
    expect(() => assertEncryptionJwk({ ...pub('x25519'), alg: 'RSA-OAEP' })).toThrow(/alg must be ECDH-ES\+A256KW/);
    expect(() => assertEncryptionJwk('{"kty":"EC"}')).toThrow('encryption key: must be a JWK object');
    expect(() => assertSigningJwk(ed.privateKey.export({ format: 'jwk' }))).toThrow(
      'signing key: a public JWK must not contain the private member d',
    );
    expect(() => assertSigningJwk(pub('x25519'))).toThrow(/must be kty OKP with crv Ed25519/);
    expect(() => assertSigningJwk({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' })).toThrow(/32-byte/);
    expect(() => assertSigningJwk({ ...ed.publicKey.export({ format: 'jwk' }), use: 'enc' })).toThrow(
      'signing key: use must be sig',
    );
  });

  test('when many bodies are encrypted and decrypted then the cost per operation is logged', async () => {
    const n = 1000;
    const figures: string[] = [];
    for (const crv of ['X25519', 'P-256'] as const) {
      const recipient = (
        crv === 'X25519' ? generateKeyPairSync('x25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' })
      ).publicKey.export({ format: 'jwk' });
      assertEncryptionJwk(recipient);
      for (let i = 0; i < 100; i++) await encryptFor(body, recipient); // warm-up: JIT and the parsed-key cache
      const t = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await encryptFor(body, recipient);
      figures.push(`encryptFor ${crv} ${(Number(process.hrtime.bigint() - t) / 1000 / n).toFixed(1)} µs`);
    }
    const jwe = await toHub(body, await jose.importJWK(hubEncJwk(), 'ECDH-ES+A256KW'), {
      alg: 'ECDH-ES+A256KW',
      enc: 'A256GCM',
      kid: hubEncJwk().kid,
    });
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await decryptWithHub(jwe);
    figures.push(`decryptWithHub ${(Number(process.hrtime.bigint() - t) / 1000 / n).toFixed(1)} µs`);
    expect(await decryptWithHub(jwe)).toBe(body);
    console.log(`JWE (${body.length}-byte body): ${figures.join(', ')}`);
  });
});
