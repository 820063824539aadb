// A body canonicalized once (when its outbox rows are written) and reused for every receiver's signature gives the
// very bytes canonicalizing the whole request payload gives, so each receiver's signature is the one it verifies.
import mongoose from 'mongoose';
import { config } from '../../src/config';
import { canonicalize } from '../../src/crypto/jcs';
import { canonicalRequest, requestPayload, signCanonical, verifyDetached } from '../../src/crypto/jws';
import { loadKeyring } from '../../src/crypto/keyring';
import { activeKey, loadSigningKeys } from '../../src/crypto/signing-keys';
import { aLocation } from '../builders';

const PATH = '/ocpi/2.2.1/locations/NL/CPA/LOC%2F1?x=1';
const headersFor = (to: string) => ({
  'OCPI-from-country-code': 'NL',
  'OCPI-from-party-id': 'HUB',
  'OCPI-to-country-code': 'DE',
  'OCPI-to-party-id': to,
  'X-Request-ID': `r-${to}`,
  'X-Correlation-ID': 'c-1',
  Authorization: 'Token x',
  'Content-Type': 'application/json',
});
const BODIES: [string, unknown][] = [
  [
    'a location (nested objects, arrays, decimals as strings)',
    aLocation({ country_code: 'NL', party_id: 'CPA', id: 'LOC/1' }),
  ],
  [
    'member names that sort differently by code unit',
    { é: 1, z: [1.5, -0, 1e21, 'ü\u2028'], A: { b: null, a: true }, '\uD83D\uDE00': 'emoji' },
  ],
  ['a PATCH of one field', { status: 'CHARGING', last_updated: '2025-07-01T00:03:00Z' }],
  ['a bare string', 'text "quoted"'],
];

beforeAll(async () => {
  await mongoose.connect(config.mongodbUri ?? '');
  await loadKeyring();
  await loadSigningKeys();
});
afterAll(() => mongoose.disconnect());

describe.each(BODIES)('with %s', (_, body) => {
  const once = canonicalize(body);

  test("when three receivers' payloads are built from the body's canonical text, then each is byte for byte the canonical form of the whole payload", () => {
    for (const to of ['EM1', 'EM2', 'EM3']) {
      expect(Buffer.from(canonicalRequest('put', PATH, headersFor(to), once))).toEqual(
        Buffer.from(canonicalize(requestPayload('put', PATH, headersFor(to), body))),
      );
    }
  });

  test('when signed from the canonical text, then the signature verifies over the payload the receiver rebuilds from the JSON it parsed', () => {
    const jws = signCanonical(canonicalRequest('PUT', PATH, headersFor('EM1'), once), 'DE*EM1');
    const received = JSON.parse(once) as unknown;
    expect(
      verifyDetached(jws, requestPayload('PUT', PATH, headersFor('EM1'), received), activeKey().publicKey, {
        aud: 'DE*EM1',
      }),
    ).toMatchObject({ ok: true });
  });
});

test('when there is no body (DELETE), then the canonical payload carries null as the whole payload does', () => {
  expect(canonicalRequest('DELETE', PATH, headersFor('EM1'), undefined)).toBe(
    canonicalize(requestPayload('DELETE', PATH, headersFor('EM1'), undefined)),
  );
});
