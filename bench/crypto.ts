// Benchmark 5, per-record crypto: the hub's own sign, verify, seal, unseal and JWE (src/crypto) on one Location
// PUT, in microseconds (median of batches), against the node:crypto primitives they are built on.
import './lib/env';
import {
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CompactSign } from 'jose';
import { aLocation } from '../test/builders/locations';
import { canonicalize } from '../src/crypto/jcs';
import { decryptWithHub, encryptFor, type EncryptionJwk } from '../src/crypto/jwe';
import { canonicalRequest, requestPayload, signCanonical, signDetached, verifyDetached } from '../src/crypto/jws';
import { loadKeyring } from '../src/crypto/keyring';
import { seal, unseal } from '../src/crypto/seal';
import { ed25519Implementation } from '../src/crypto/ed25519';
import { activeKey, encryptionKeys, loadSigningKeys } from '../src/crypto/signing-keys';
import { releaseDatabase, useDatabase } from './lib/engine';
import { median } from './lib/load';
import { round } from './lib/proc';
import type { BenchResult, Figure } from './lib/report';

const BATCHES = 31;
const BATCH_MS = 10;

/**
 * Microseconds per call: the median over batches of about BATCH_MS each, after a warm-up. Measured in this
 * process's CPU time, not wall time: on a shared machine a batch may wait for a core, which is not the call's cost.
 */
function us(fn: () => unknown): number {
  for (let i = 0; i < 200; i++) fn();
  let n = 1;
  for (let t = 0; t < BATCH_MS && n < 1e6; n *= 2) {
    const started = performance.now();
    for (let i = 0; i < n; i++) fn();
    t = performance.now() - started;
  }
  const perCall: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const started = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    const used = process.cpuUsage(started);
    perCall.push((used.user + used.system) / n);
  }
  return round(median(perCall), 1);
}

/** The same for an asynchronous call (jose: its JWS, and the hub's JWE): calls awaited one by one, fixed batches. */
async function usAsync(fn: () => Promise<unknown>, perBatch = 200): Promise<number> {
  for (let i = 0; i < 100; i++) await fn();
  const perCall: number[] = [];
  for (let b = 0; b < 15; b++) {
    const started = process.cpuUsage();
    for (let i = 0; i < perBatch; i++) await fn();
    const used = process.cpuUsage(started);
    perCall.push((used.user + used.system) / perBatch);
  }
  return round(median(perCall), 1);
}

const figure = (name: string, hub: number, baseline: number, limit?: number): Figure => ({
  figure: `crypto: ${name}`,
  unit: 'µs',
  hub,
  baseline,
  ratio: hub / baseline,
  target: limit ? `< ${limit} µs` : '(reported)',
  met: limit ? hub < limit : true,
});

export async function cryptoBench(): Promise<BenchResult> {
  await useDatabase('bench_crypto');
  try {
    await loadKeyring();
    await loadSigningKeys();
    const location = aLocation();
    const text = JSON.stringify(location);
    const path = '/ocpi/2.2.1/locations/NL/VLT/UT-0042';
    const headers = {
      'OCPI-from-country-code': 'NL',
      'OCPI-from-party-id': 'HUB',
      'OCPI-to-country-code': 'NL',
      'OCPI-to-party-id': 'EMP',
      'X-Request-ID': 'r-1',
      'X-Correlation-ID': 'c-1',
    };
    const payload = requestPayload('PUT', path, headers, location);
    const key = activeKey();
    const bytes = Buffer.from(canonicalize(payload));
    const dataKey = randomBytes(32);
    const aes = () => {
      const c = createCipheriv('aes-256-gcm', dataKey, randomBytes(12));
      return [c.update(text, 'utf8'), c.final(), c.getAuthTag()];
    };
    const iv = randomBytes(12);
    const gcm = createCipheriv('aes-256-gcm', dataKey, iv);
    const ct = Buffer.concat([gcm.update(text, 'utf8'), gcm.final()]);
    const tag = gcm.getAuthTag();
    const unaes = () => createDecipheriv('aes-256-gcm', dataKey, iv).setAuthTag(tag).update(ct);

    const jws = signDetached(payload, 'NL*EMP', key);
    const signature = sign(null, bytes, key.privateKey);
    const sealed = seal(text);
    const x25519 = generateKeyPairSync('x25519');
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const hubEnc = encryptionKeys()[0]!;
    const toHub = await encryptFor(text, { kty: 'OKP', crv: 'X25519', x: hubEnc.x, kid: hubEnc.kid });
    const jwk = (k: typeof x25519.publicKey) => k.export({ format: 'jwk' }) as EncryptionJwk;
    const ecdh = (curve: 'x25519' | 'P-256', peer: typeof x25519.publicKey) => () => {
      const e = curve === 'x25519' ? generateKeyPairSync('x25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      return diffieHellman({ privateKey: e.privateKey, publicKey: peer });
    };

    // a delivery canonicalizes the body as its receiver's version has it (once) and signs that text without walking it
    // again
    const m = {
      sign: [
        us(() => signCanonical(canonicalRequest('PUT', path, headers, canonicalize(location)), 'NL*EMP', key)),
        us(() => sign(null, bytes, key.privateKey)),
      ],
      sign_from_object: [us(() => signDetached(payload, 'NL*EMP', key)), us(() => sign(null, bytes, key.privateKey))],
      verify: [
        us(() => verifyDetached(jws, payload, key.publicKey, { aud: 'NL*EMP' })),
        us(() => verify(null, bytes, key.publicKey, signature)),
      ],
      seal: [us(() => seal(text)), us(aes)],
      // an outbox payload is DEFLATEd before its seal: fewer bytes for the database to write and read per delivery
      seal_deflated: [us(() => seal(text, { deflate: true })), us(aes)],
      unseal: [us(() => unseal(sealed)), us(unaes)],
      jwe_x25519: [await usAsync(() => encryptFor(text, jwk(x25519.publicKey))), us(ecdh('x25519', x25519.publicKey))],
      jwe_p256: [await usAsync(() => encryptFor(text, jwk(p256.publicKey))), us(ecdh('P-256', p256.publicKey))],
      jwe_decrypt: [
        await usAsync(() => decryptWithHub(toHub)),
        us(() => diffieHellman({ privateKey: hubEnc.privateKey, publicKey: x25519.publicKey })),
      ],
    } as Record<string, [number, number]>;
    const pair = (k: string) => m[k] as [number, number];
    const jose = new CompactSign(bytes).setProtectedHeader({ alg: 'EdDSA' });
    const joseUs = await usAsync(() => jose.sign(key.privateKey));
    // what one delivery of a broadcast to three receivers costs in crypto: the body sealed and unsealed once per record
    // (a third each), each receiver's URL sealed and unsealed, each delivery's body canonicalized and signed
    const perDelivery =
      us(() => {
        const body = unseal(seal(text));
        for (let i = 0; i < 3; i++) {
          const url = seal(`https://emsp${i}.example.com${path}`);
          signCanonical(
            canonicalRequest('PUT', new URL(unseal(url)).pathname, headers, canonicalize(JSON.parse(body))),
            'NL*EMP',
            key,
          );
        }
      }) / 3;
    return {
      name: 'crypto',
      figures: [
        figure(
          'sign + seal per record',
          round(pair('sign')[0] + pair('seal')[0], 1),
          round(pair('sign')[1] + pair('seal')[1], 1),
          100,
        ),
        figure('sign (JCS of the body, then JWS over the request, Ed25519)', ...pair('sign')),
        figure('sign (JWS, JCS of the whole payload, Ed25519)', ...pair('sign_from_object')),
        figure('verify', ...pair('verify')),
        figure('seal (AES-256-GCM)', ...pair('seal')),
        figure('unseal', ...pair('unseal')),
        figure('seal of an outbox payload (DEFLATE, then AES-256-GCM)', ...pair('seal_deflated')),
        figure('JWE encrypt X25519', ...pair('jwe_x25519'), 1000),
        figure('JWE encrypt P-256', ...pair('jwe_p256'), 1000),
        figure('JWE decrypt (hub key)', ...pair('jwe_decrypt')),
      ],
      details: {
        ed25519: ed25519Implementation,
        plaintext_bytes: text.length,
        canonical_payload_bytes: bytes.length,
        batches: BATCHES,
        baselines:
          'node:crypto Ed25519 sign/verify over the canonical bytes; AES-256-GCM of the same text; one ephemeral key pair + ECDH (the part of a JWE RFC 7518 makes per message)',
        jcs_canonicalize_us: us(() => canonicalize(payload)),
        jose_compact_sign_us: joseUs,
        hub_crypto_per_broadcast_delivery_us: round(perDelivery, 1),
      },
    };
  } finally {
    await releaseDatabase();
  }
}
