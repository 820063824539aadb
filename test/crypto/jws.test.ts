// OCPI-Hub-Signature: a standard JOSE library verifies it from the JWKS alone; tampering, wrong aud and old iat fail.
import * as jose from 'jose';
import mongoose from 'mongoose';
import { config } from '../../src/config';
import { canonicalize } from '../../src/crypto/jcs';
import {
  assertSigningJwk,
  requestPayload,
  responsePayload,
  signDetached,
  verifyDetached,
  type SigningJwk,
} from '../../src/crypto/jws';
import { loadKeyring } from '../../src/crypto/keyring';
import { activeKey, jwks, loadSigningKeys } from '../../src/crypto/signing-keys';

const AUD = 'DE*EMA';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const aSessionPut = () =>
  requestPayload(
    'put',
    '/ocpi/emsp/2.2.1/sessions/NL/CPA/S%2F1?x=1',
    {
      'OCPI-From-Country-Code': 'NL',
      'OCPI-From-Party-Id': 'CPA',
      'ocpi-to-country-code': 'DE',
      'OCPI-to-party-id': 'EMA',
      'X-Request-ID': 'r-1',
      authorization: 'Token secret',
      'content-type': 'application/json',
    },
    {
      id: 'S/1',
      kwh: 12.5,
      status: 'ACTIVE',
      cdr_token: { uid: '012345678', type: 'RFID', contract_id: 'DE-EMA-C12345678-X' },
    },
  );

/** What a partner does: re-attach the canonical payload to the detached JWS and verify against the hub's JWKS. */
function josePartsOf(jws: string, payload: unknown) {
  const [protectedHeader, , signature] = jws.split('.') as [string, string, string];
  return { protected: protectedHeader, payload: b64(canonicalize(payload)), signature };
}

beforeAll(async () => {
  await mongoose.connect(config.mongodbUri ?? '');
  await loadKeyring();
  await loadSigningKeys();
});

afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

describe('detached JWS over JCS', () => {
  test('when the payloads are built then only the listed headers remain, lower-case, as strings', () => {
    expect(aSessionPut()).toEqual({
      method: 'PUT',
      path: '/ocpi/emsp/2.2.1/sessions/NL/CPA/S%2F1?x=1',
      headers: {
        'ocpi-from-country-code': 'NL',
        'ocpi-from-party-id': 'CPA',
        'ocpi-to-country-code': 'DE',
        'ocpi-to-party-id': 'EMA',
        'x-request-id': 'r-1',
      },
      body: expect.objectContaining({ id: 'S/1' }),
    });
    expect(requestPayload('GET', '/p', {}, undefined)).toEqual({ method: 'GET', path: '/p', headers: {}, body: null });
    const answer = responsePayload(
      200,
      {
        Link: '<https://h/p?offset=10>; rel="next"',
        'X-Total-Count': 42,
        'x-limit': '10',
        'x-correlation-id': undefined,
        Server: 'x',
      },
      { status_code: 1000 },
    );
    expect(answer).toEqual({
      status: 200,
      headers: { link: '<https://h/p?offset=10>; rel="next"', 'x-total-count': '42', 'x-limit': '10' },
      body: { status_code: 1000 },
    });
    expect(requestPayload('GET', '/p', { link: 'x', 'x-total-count': '1' }, null).headers).toEqual({});
  });

  test('when the hub signs then jose verifies it against the published JWKS, and the header has exactly four members', async () => {
    const payload = aSessionPut();
    const jws = signDetached(payload, AUD);
    expect(jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const keySet = jose.createLocalJWKSet(jwks(7));
    const flattened = await jose.flattenedVerify(josePartsOf(jws, payload), keySet);
    expect(Buffer.from(flattened.payload).toString('utf8')).toBe(canonicalize(payload));
    const parts = josePartsOf(jws, payload);
    const compact = await jose.compactVerify(`${parts.protected}.${parts.payload}.${parts.signature}`, keySet);
    expect(Object.keys(compact.protectedHeader)).toEqual(['alg', 'kid', 'iat', 'aud']);
    expect(compact.protectedHeader).toEqual({ alg: 'EdDSA', kid: activeKey().kid, iat: expect.any(Number), aud: AUD });
    expect(Math.abs((compact.protectedHeader.iat as number) - Date.now() / 1000)).toBeLessThan(5);
  });

  test('when one byte of the payload changes then jose and verifyDetached both refuse the signature', async () => {
    const payload = aSessionPut();
    const jws = signDetached(payload, AUD);
    const canonical = Buffer.from(canonicalize(payload));
    canonical[canonical.indexOf('12.5') + 1] = '3'.charCodeAt(0); // kwh 12.5 becomes 13.5
    const parts = { ...josePartsOf(jws, payload), payload: canonical.toString('base64url') };
    await expect(jose.flattenedVerify(parts, jose.createLocalJWKSet(jwks(7)))).rejects.toThrow(
      jose.errors.JWSSignatureVerificationFailed,
    );
    const altered = JSON.parse(canonical.toString('utf8'));
    expect(verifyDetached(jws, altered, activeKey().publicKey, { aud: AUD })).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    expect(verifyDetached(jws, payload, activeKey().publicKey, { aud: AUD })).toMatchObject({
      ok: true,
      header: { kid: activeKey().kid },
    });
  });

  test('when the aud is another party or the iat is over five minutes old then verifyDetached refuses it', () => {
    const payload = responsePayload(200, {}, { status_code: 1000, data: [] });
    const jws = signDetached(payload, AUD);
    const jwk = jwks(7).keys.find((k) => k.kid === activeKey().kid) as SigningJwk;
    expect(verifyDetached(jws, payload, jwk, { aud: 'DE*EMB' })).toEqual({
      ok: false,
      reason: 'wrong aud: DE*EMA (expected DE*EMB)',
    });
    expect(verifyDetached(jws, payload, jwk, { aud: AUD, now: Date.now() + 301_000 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^stale iat/),
    });
    expect(verifyDetached(jws, payload, jwk, { aud: AUD, now: Date.now() - 120_000 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^stale iat: .* future/),
    });
    expect(verifyDetached(jws, payload, jwk, { aud: AUD, now: Date.now() + 250_000 })).toMatchObject({ ok: true });
  });

  test('when a partner signs with jose then verifyDetached accepts it with the public JWK the partner registered', async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const registered = await jose.exportJWK(publicKey);
    assertSigningJwk(registered);
    const payload = requestPayload(
      'POST',
      '/ocpi/2.2.1/commands/START_SESSION',
      { 'x-request-id': 'r-9' },
      { response_url: 'https://e/cb' },
    );
    const header = {
      alg: 'EdDSA',
      kid: 'p-1',
      iat: Math.floor(Date.now() / 1000),
      aud: `${config.countryCode}*${config.partyId}`,
    };
    const signed = await new jose.FlattenedSign(Buffer.from(canonicalize(payload)))
      .setProtectedHeader(header)
      .sign(privateKey);
    const jws = `${signed.protected}..${signed.signature}`;
    expect(verifyDetached(jws, payload, registered, { aud: `${config.countryCode}*${config.partyId}` })).toEqual({
      ok: true,
      header,
    });
  });

  test('when the JWS is malformed or not EdDSA then verifyDetached names the reason', () => {
    const payload = { a: 1 };
    const key = activeKey().publicKey;
    const jws = signDetached(payload, AUD);
    const [h, , s] = jws.split('.') as [string, string, string];
    const reason = (token: string) => (verifyDetached(token, payload, key, { aud: AUD }) as { reason?: string }).reason;
    expect(reason('garbage')).toMatch(/^bad format/);
    expect(reason(`${h}.${b64(canonicalize(payload))}.${s}`)).toMatch(/^bad format/); // attached, not detached
    expect(reason(`${b64('[1]')}..${s}`)).toMatch(/^bad format/);
    expect(reason(`${b64(JSON.stringify({ alg: 'HS256', aud: AUD, iat: 1 }))}..${s}`)).toBe(
      'unknown alg: HS256 (expected EdDSA)',
    );
    expect(reason(`${b64(JSON.stringify({ alg: 'EdDSA', b64: false, crit: ['b64'] }))}..${s}`)).toMatch(
      /^unknown alg: crit/,
    );
    // change one signature character to a different one (never a no-op, as overwriting with a fixed value can be)
    const flipped = s.slice(0, 10) + (s[10] === 'B' ? 'C' : 'B') + s.slice(11);
    expect(reason(`${h}..${flipped}`)).toBe('bad signature');
  });

  test('when two thousand messages are signed and verified then the cost per operation is logged', () => {
    const payload = aSessionPut();
    const key = activeKey().publicKey;
    const n = 2000;
    let jws = signDetached(payload, AUD);
    for (let i = 0; i < 100; i++) verifyDetached(signDetached(payload, AUD), payload, key, { aud: AUD }); // warm-up
    let t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) jws = signDetached(payload, AUD);
    const signUs = Number(process.hrtime.bigint() - t) / 1000 / n;
    t = process.hrtime.bigint();
    let ok = 0;
    for (let i = 0; i < n; i++) if (verifyDetached(jws, payload, key, { aud: AUD }).ok) ok++;
    const verifyUs = Number(process.hrtime.bigint() - t) / 1000 / n;
    expect(ok).toBe(n);
    console.log(
      `JWS (JCS + Ed25519, session PUT payload): sign ${signUs.toFixed(1)} µs, verify ${verifyUs.toFixed(1)} µs`,
    );
  });
});
