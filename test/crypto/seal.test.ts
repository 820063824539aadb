// Sealing at rest: AES-256-GCM under the data key, a fresh IV for every seal (drawn from a pool of random bytes).
import mongoose from 'mongoose';
import { config } from '../../src/config';
import { loadKeyring } from '../../src/crypto/keyring';
import { seal, unseal } from '../../src/crypto/seal';

beforeAll(async () => {
  await mongoose.connect(config.mongodbUri ?? '');
  await loadKeyring();
});
afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

test('when one text is sealed 2,000 times (several refills of the IV pool), then every IV and ciphertext differs and each opens to the text', () => {
  const text = 'uid 0123456789ABCDEF, contract NL-TNM-C00122045-K';
  const sealed = Array.from({ length: 2000 }, () => seal(text));
  const ivs = sealed.map((s) => s.split('.')[2]);
  expect(new Set(ivs).size).toBe(2000);
  expect(new Set(sealed).size).toBe(2000);
  for (const s of sealed) expect(unseal(s)).toBe(text);
});

test('when a sealed value is changed by one character, then it does not open', () => {
  const sealed = seal('secret');
  const parts = sealed.split('.');
  const ct = parts[3] as string;
  parts[3] = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
  expect(() => unseal(parts.join('.'))).toThrow();
});

test('when a JSON body is sealed deflated, then it is marked v1z, is smaller than the plain seal, opens to the same text, and the plain seal still opens', () => {
  const body = JSON.stringify(
    Array.from({ length: 20 }, (_, i) => ({ uid: `EVSE-${i}`, status: 'AVAILABLE', connectors: [{ id: '1' }] })),
  );
  const deflated = seal(body, { deflate: true });
  const plain = seal(body);
  expect(deflated.startsWith('v1z.')).toBe(true);
  expect(plain.startsWith('v1.')).toBe(true);
  expect(deflated.length).toBeLessThan(plain.length / 2);
  expect(unseal(deflated)).toBe(body);
  expect(unseal(plain)).toBe(body);
});
