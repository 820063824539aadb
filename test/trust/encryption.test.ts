// Encryption: JWE bodies for partners that registered a key (both ways), partners' own signatures required once
// they register a signing key, and a raw dump of the database holding no token or driver identifier in clear.
import { CompactEncrypt, CompactSign, compactDecrypt, exportJWK, generateKeyPair, importJWK, type KeyLike } from 'jose';
import mongoose from 'mongoose';
import { aCdr, aLocation, aSession, aToken } from '../builders';
import { call } from '../harness/http';
import { ok, type FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';
import { jcs, requestPayload, responsePayload, verifyHubSignature } from './verify';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const jwks = async () => (await call('GET', `${hub.url}/.well-known/jwks.json`)).body;

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }] },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] },
  }));
});
afterAll(() => hub.stop());

describe('JWE for partners that registered a key', () => {
  test.each(['X25519', 'P-256'])(
    'when an eMSP registered an encryption key on %s, then pushes and answers reach it as JWE it decrypts, signed over the plaintext',
    async (crv) => {
      const { publicKey, privateKey } = await generateKeyPair('ECDH-ES+A256KW', { crv });
      const res = await hub.admin('PUT', `/platforms/${emsp.platformId}/keys`, {
        encryption: await exportJWK(publicKey),
      });
      expect(res.status).toBe(200);
      const id = `J1-${crv}`;
      await cpo.ocpi('PUT', `/ocpi/2.2.1/locations/receiver/NL/CPA/${id}`, {
        body: aLocation({ id, country_code: 'NL', party_id: 'CPA' }),
      });
      await hub.drain();
      const got = emsp.received(`/locations/receiver/NL/CPA/${id}`, 'PUT')[0]!;
      expect(got.headers['content-type']).toMatch(/application\/jose/);
      const { plaintext, protectedHeader } = await compactDecrypt(String(got.body), privateKey);
      expect(protectedHeader).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', epk: { crv } });
      const body = JSON.parse(new TextDecoder().decode(plaintext));
      expect(body.id).toBe(id);
      await verifyHubSignature(
        String(got.headers['ocpi-hub-signature']),
        requestPayload('PUT', got.path, got.headers, body),
        await jwks(),
      );
      const page = await emsp.ocpi('GET', '/ocpi/2.2.1/locations/sender');
      expect(page.headers.get('content-type')).toMatch(/application\/jose/);
      const answer = JSON.parse(
        new TextDecoder().decode((await compactDecrypt(String(page.body), privateKey)).plaintext),
      );
      expect(answer.data.map((l: { id: string }) => l.id)).toContain(id);
      await verifyHubSignature(
        page.headers.get('ocpi-hub-signature')!,
        responsePayload(200, page.headers, answer),
        await jwks(),
      );
      await hub.admin('PUT', `/platforms/${emsp.platformId}/keys`, { encryption: null });
    },
  );

  test.each(['X25519', 'P-256'])(
    "when a party sends a body encrypted to the hub's published %s key, then the hub reads it",
    async (crv) => {
      const encKey = (await jwks()).keys.find((k: { use: string; crv: string }) => k.use === 'enc' && k.crv === crv);
      const id = `J2-${crv}`;
      const jwe = await new CompactEncrypt(
        new TextEncoder().encode(JSON.stringify(aLocation({ id, country_code: 'NL', party_id: 'CPA' }))),
      )
        .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: encKey.kid })
        .encrypt(await importJWK(encKey, 'ECDH-ES+A256KW'));
      const res = await cpo.ocpi('PUT', `/ocpi/2.2.1/locations/receiver/NL/CPA/${id}`, {
        rawBody: jwe,
        headers: { 'Content-Type': 'application/jose' },
      });
      expect(res.status).toBe(201);
      expect((await cpo.ocpi('GET', `/ocpi/2.2.1/locations/receiver/NL/CPA/${id}`)).body.data.id).toBe(id);
      const garbage = await cpo.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/J3', {
        rawBody: 'a.b.c.d.e',
        headers: { 'Content-Type': 'application/jose' },
      });
      expect(garbage.status).toBe(400);
      expect(garbage.body.status_message).toMatch(/could not be decrypted/);
      const notJson = await new CompactEncrypt(new TextEncoder().encode('{"id":'))
        .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' })
        .encrypt(await importJWK(encKey, 'ECDH-ES+A256KW'));
      const unreadable = await cpo.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/J3', {
        rawBody: notJson,
        headers: { 'Content-Type': 'application/jose' },
      });
      expect([unreadable.status, unreadable.body.status_code]).toEqual([400, 2000]);
    },
  );

  test.each(['X25519', 'P-256'])(
    "when a CPO answers a relayed request with a JWE to the hub's published %s key, then the eMSP gets its answer",
    async (crv) => {
      const encKey = (await jwks()).keys.find((k: { use: string; crv: string }) => k.use === 'enc' && k.crv === crv);
      const sessions = ok([aSession({ id: `E-${crv}`, country_code: 'NL', party_id: 'CPA' })]);
      const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(sessions)))
        .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: encKey.kid })
        .encrypt(await importJWK(encKey, 'ECDH-ES+A256KW'));
      cpo.respond = (r) =>
        r.path.startsWith('/ocpi/2.2.1/sessions/sender')
          ? { status: 200, body: jwe, headers: { 'Content-Type': 'application/jose' } }
          : undefined;
      try {
        const res = await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', {
          to: { role: 'CPO', country_code: 'NL', party_id: 'CPA' },
        });
        expect(res.status).toBe(200);
        expect(res.body.data.map((x: { id: string }) => x.id)).toEqual([`E-${crv}`]);
      } finally {
        cpo.respond = undefined;
      }
    },
  );

  test('when a key is not a public key of the right type, then the operator gets 400 naming it', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const res = await hub.admin('PUT', `/platforms/${emsp.platformId}/keys`, { signing: await exportJWK(privateKey) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^signing: /);
  });
});

describe('partners signing their requests', () => {
  const sign = async (key: KeyLike | Uint8Array, payload: unknown, aud = 'NL*HUB') =>
    new CompactSign(new TextEncoder().encode(jcs(payload)))
      .setProtectedHeader({ alg: 'EdDSA', iat: Math.floor(Date.now() / 1000), aud } as never)
      .sign(key);
  const detached = (jws: string) =>
    jws
      .split('.')
      .map((p, i) => (i === 1 ? '' : p))
      .join('.');

  test('when a CPO registered a signing key, then unsigned, badly signed or misaddressed requests are refused 403 and signed ones pass', async () => {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await hub.admin('PUT', `/platforms/${cpo.platformId}/keys`, { signing: await exportJWK(publicKey) });
    const path = '/ocpi/2.2.1/locations/receiver/NL/CPA/S1';
    const body = aLocation({ id: 'S1', country_code: 'NL', party_id: 'CPA' });
    const headers = {
      'OCPI-from-country-code': 'NL',
      'OCPI-from-party-id': 'CPA',
      'X-Request-ID': 'r-1',
      'X-Correlation-ID': 'c-1',
    };
    const unsigned = await cpo.ocpi('PUT', path, { body });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.status_message).toMatch(/must carry an OCPI-Signature/);
    const good = detached(
      await sign(
        privateKey,
        requestPayload(
          'PUT',
          path,
          Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
          body,
        ),
      ),
    );
    const tampered = await cpo.ocpi('PUT', path, {
      body: { ...body, name: 'other' },
      headers: { ...headers, 'OCPI-Signature': good },
    });
    expect(tampered.body.status_message).toMatch(/OCPI-Signature refused: bad signature/);
    const wrongAud = detached(
      await sign(
        privateKey,
        requestPayload(
          'PUT',
          path,
          Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
          body,
        ),
        'DE*EMA',
      ),
    );
    expect(
      (await cpo.ocpi('PUT', path, { body, headers: { ...headers, 'OCPI-Signature': wrongAud } })).body.status_message,
    ).toMatch(/wrong aud/);
    expect((await cpo.ocpi('PUT', path, { body, headers: { ...headers, 'OCPI-Signature': good } })).status).toBe(201);
    await hub.admin('PUT', `/platforms/${cpo.platformId}/keys`, { signing: null });
  });
});

describe('data at rest', () => {
  test('when tokens, sessions, CDRs and unpublished locations are stored and forwarded, then a raw dump of the database shows no token, driver identifier, secret or private key in clear', async () => {
    const secret = {
      uid: 'UID-0123456789AB',
      contract_id: 'DE-EMA-C0FFEE42-7',
      visual_number: 'DE-EMA-VISUAL-777',
      group_id: 'GRP-SECRET-0042',
    };
    await emsp.ocpi('PUT', `/ocpi/2.2.1/tokens/receiver/DE/EMA/${secret.uid}`, {
      body: aToken({ country_code: 'DE', party_id: 'EMA', ...secret }),
    });
    const cdr_token = {
      country_code: 'DE',
      party_id: 'EMA',
      uid: secret.uid,
      type: 'RFID' as const,
      contract_id: secret.contract_id,
    };
    await cpo.ocpi('PUT', '/ocpi/2.2.1/sessions/receiver/NL/CPA/D1', {
      body: aSession({ id: 'D1', country_code: 'NL', party_id: 'CPA', cdr_token }),
    });
    await cpo.ocpi('POST', '/ocpi/2.2.1/cdrs/receiver', {
      body: aCdr({ id: 'D1', country_code: 'NL', party_id: 'CPA', cdr_token }),
    });
    // publish_allowed_to names tokens by uid, by visual_number and issuer, by group_id
    const publish_allowed_to = [
      { uid: secret.uid, type: 'RFID' as const },
      { visual_number: secret.visual_number, issuer: 'Maxplug Mobility GmbH' },
      { group_id: secret.group_id },
    ];
    await cpo.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/DPRIV', {
      body: aLocation({ id: 'DPRIV', country_code: 'NL', party_id: 'CPA', publish: false, publish_allowed_to }),
    });
    const db = mongoose.connection.db!;
    const pending = JSON.stringify(await db.collection('outbox').find().toArray());
    await hub.drain();
    let dump = pending;
    for (const c of await db.listCollections().toArray())
      dump += JSON.stringify(await db.collection(c.name).find().toArray());
    for (const value of [...Object.values(secret), cpo.hubToken!, emsp.hubToken!, ...cpo.accepted, ...emsp.accepted])
      expect(dump).not.toContain(value);
    expect(dump).not.toMatch(/PRIVATE KEY|"d":"/);
    // the dump is real: the records are there, with their non-personal fields in clear
    expect(await db.collection('tokens').countDocuments()).toBe(1);
    expect(await db.collection('cdrs').countDocuments({ owner: 'NL*CPA', emsp: 'DE*EMA' })).toBe(1);
    expect(await db.collection('locations').countDocuments({ location_id: 'DPRIV', publish: false })).toBe(1);
    expect((await emsp.ocpi('GET', '/ocpi/2.2.1/locations/sender/DPRIV')).body.data.publish_allowed_to).toHaveLength(3); // and it still matches
  });
});
