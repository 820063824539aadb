// The hub's key pairs: atomic first creation across replicas, rotation with a grace period, sealed at rest.
import mongoose from 'mongoose';
import { config } from '../../src/config';
import * as keyring from '../../src/crypto/keyring';
import * as keys from '../../src/crypto/signing-keys';

type KeysModule = typeof keys;
const raw = () => mongoose.connection.collection('signing_keys');

/** A second hub replica: its own module registry, so its own mongoose connection and key cache. */
async function startReplica(): Promise<{ keys: KeysModule; stop: () => Promise<void> }> {
  let replica!: { keys: KeysModule; db: typeof mongoose; keyring: typeof keyring };
  await jest.isolateModulesAsync(async () => {
    replica = {
      keys: await import('../../src/crypto/signing-keys'),
      db: (await import('mongoose')).default,
      keyring: await import('../../src/crypto/keyring'),
    };
  });
  await replica.db.connect(config.mongodbUri ?? '');
  await replica.keyring.loadKeyring();
  return { keys: replica.keys, stop: () => replica.db.disconnect() };
}

beforeAll(async () => {
  await mongoose.connect(config.mongodbUri ?? '');
  await keyring.loadKeyring();
});

afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

describe('hub signing and encryption keys', () => {
  test('when two replicas boot at once on an empty database then both use the one key created per use', async () => {
    const other = await startReplica();
    try {
      await Promise.all([keys.loadSigningKeys(), other.keys.loadSigningKeys(), keys.loadSigningKeys()]);
      expect(await raw().countDocuments({ use: 'sig' })).toBe(1);
      expect(await raw().countDocuments({ use: 'enc', crv: 'X25519' })).toBe(1);
      expect(await raw().countDocuments({ use: 'enc', crv: 'P-256' })).toBe(1);
      expect(other.keys.activeKey().kid).toBe(keys.activeKey().kid);
      expect(other.keys.encryptionKeys()[0]?.kid).toBe(keys.encryptionKeys()[0]?.kid);
    } finally {
      await other.stop();
    }
  });

  test('when the JWKS is published then it holds one Ed25519 sig key and an X25519 and a P-256 enc key, public members only', () => {
    const { keys: published } = keys.jwks(7);
    expect(published).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.stringMatching(/^[\w-]{43}$/),
        kid: keys.activeKey().kid,
        use: 'sig',
        alg: 'EdDSA',
      },
      {
        kty: 'OKP',
        crv: 'X25519',
        x: expect.stringMatching(/^[\w-]{43}$/),
        kid: keys.encryptionKeys()[0]?.kid,
        use: 'enc',
        alg: 'ECDH-ES+A256KW',
      },
      {
        kty: 'EC',
        crv: 'P-256',
        x: expect.stringMatching(/^[\w-]{43}$/),
        y: expect.stringMatching(/^[\w-]{43}$/),
        kid: keys.encryptionKeys('P-256')[0]?.kid,
        use: 'enc',
        alg: 'ECDH-ES+A256KW',
      },
    ]);
    expect(keys.activeKey().kid).toMatch(/^[\w-]{8,16}$/);
  });

  test('when the signing key rotates then the old kid stays published for the grace period and is dropped after it', async () => {
    const old = keys.activeKey();
    const fresh = await keys.rotateSigningKey();
    expect(fresh.kid).not.toBe(old.kid);
    expect(keys.activeKey().kid).toBe(fresh.kid);
    expect(
      keys
        .jwks(7)
        .keys.filter((k) => k.use === 'sig')
        .map((k) => k.kid),
    ).toEqual([fresh.kid, old.kid]);
    expect(await raw().findOne({ kid: old.kid })).toMatchObject({ state: 'retired', retired_at: expect.any(Date) });

    await raw().updateOne({ kid: old.kid }, { $set: { retired_at: new Date(Date.now() - 8 * 86_400_000) } });
    await keys.refreshSigningKeys();
    expect(
      keys
        .jwks(7)
        .keys.filter((k) => k.use === 'sig')
        .map((k) => k.kid),
    ).toEqual([fresh.kid]);
    expect(keys.jwks(9).keys.map((k) => k.kid)).toContain(old.kid);
  });

  test('when the encryption key rotates then the retired key stays held (to decrypt) and published for the grace period', async () => {
    const old = keys.encryptionKeys()[0];
    const oldP256 = keys.encryptionKeys('P-256')[0];
    const fresh = await keys.rotateEncryptionKey();
    const freshP256 = keys.encryptionKeys('P-256')[0];
    expect(keys.encryptionKeys().map((k) => k.kid)).toEqual([fresh.kid, old?.kid]);
    expect(keys.encryptionKeys('P-256').map((k) => k.kid)).toEqual([freshP256?.kid, oldP256?.kid]);
    expect(
      keys
        .jwks(7)
        .keys.filter((k) => k.use === 'enc')
        .map((k) => k.kid),
    ).toEqual([fresh.kid, old?.kid, freshP256?.kid, oldP256?.kid]);
  });

  test('when another replica rotates then this one signs with the new key after its next refresh', async () => {
    const other = await startReplica();
    try {
      await other.keys.loadSigningKeys();
      const before = keys.activeKey().kid;
      const rotated = await other.keys.rotateSigningKey();
      expect(keys.activeKey().kid).toBe(before);
      await keys.refreshSigningKeys();
      expect(keys.activeKey().kid).toBe(rotated.kid);
    } finally {
      await other.stop();
    }
  });

  test('when rotations race on two replicas then one key is active and no generation is taken twice', async () => {
    const other = await startReplica();
    try {
      await other.keys.loadSigningKeys();
      await Promise.all([keys.rotateSigningKey(), other.keys.rotateSigningKey(), keys.rotateSigningKey()]);
      const docs = await raw().find({ use: 'sig' }).sort({ generation: 1 }).toArray();
      expect(docs.map((d) => d.generation)).toEqual(docs.map((_, i) => i + 1));
      expect(docs.filter((d) => d.state === 'active').map((d) => d.kid)).toEqual([docs.at(-1)?.kid]);
      await Promise.all([keys.refreshSigningKeys(), other.keys.refreshSigningKeys()]);
      expect([keys.activeKey().kid, other.keys.activeKey().kid]).toEqual([docs.at(-1)?.kid, docs.at(-1)?.kid]);
    } finally {
      await other.stop();
    }
  });

  test('when the raw collection is read then no private key is in clear', async () => {
    const docs = await raw().find().toArray();
    const dump = JSON.stringify(docs);
    expect(docs.length).toBeGreaterThan(3);
    expect(dump).not.toMatch(/PRIVATE KEY|"d":/);
    for (const key of [...keys.encryptionKeys(), keys.activeKey()]) {
      const d = key.privateKey.export({ format: 'jwk' }).d as string;
      const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
      expect(dump).not.toContain(d);
      expect(dump).not.toContain(der.toString('base64'));
      expect(dump).not.toContain(der.toString('base64url'));
    }
    for (const doc of docs) expect(doc.private_key).toMatch(/^v1\.seal-1\./);
  });
});
