// Every message the hub sends is signed: partners verify OCPI-Hub-Signature against /.well-known/jwks.json with
// a standard JOSE library; one changed byte fails; keys rotate and old ones stay published for a while.
import { aLocation } from '../builders';
import { call } from '../harness/http';
import { ok, type FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';
import { requestPayload, responsePayload, verifyHubSignature } from './verify';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const jwks = async () => (await call('GET', `${hub.url}/.well-known/jwks.json`)).body;

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [CPO] },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] },
  }));
  await cpo.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/L1', {
    body: aLocation({ id: 'L1', country_code: 'NL', party_id: 'CPA' }),
  });
  await hub.drain();
});
afterAll(() => hub.stop());

describe('OCPI-Hub-Signature', () => {
  test('when the hub forwards a push, then the receiver verifies it from the JWKS alone, addressed to itself', async () => {
    const got = emsp.received('/locations/receiver/NL/CPA/L1', 'PUT')[0]!;
    const jws = String(got.headers['ocpi-hub-signature']);
    const { protectedHeader } = await verifyHubSignature(
      jws,
      requestPayload('PUT', got.path, got.headers, got.body),
      await jwks(),
    );
    expect(Object.keys(protectedHeader).sort()).toEqual(['alg', 'aud', 'iat', 'kid']);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', aud: 'DE*EMA' });
    expect(Math.abs(Number(protectedHeader.iat) - Date.now() / 1000)).toBeLessThan(300);
  });

  test('when one byte of the record is changed, then verification fails', async () => {
    const got = emsp.received('/locations/receiver/NL/CPA/L1', 'PUT')[0]!;
    const tampered = { ...(got.body as Record<string, unknown>), name: `${(got.body as { name: string }).name}x` };
    await expect(
      verifyHubSignature(
        String(got.headers['ocpi-hub-signature']),
        requestPayload('PUT', got.path, got.headers, tampered),
        await jwks(),
      ),
    ).rejects.toThrow();
    const otherPath = got.path.replace('L1', 'L2');
    await expect(
      verifyHubSignature(
        String(got.headers['ocpi-hub-signature']),
        requestPayload('PUT', otherPath, got.headers, got.body),
        await jwks(),
      ),
    ).rejects.toThrow();
  });

  test('when a party reads a GET-All page, then the answer is signed over status, paging headers and body', async () => {
    const res = await emsp.ocpi('GET', '/ocpi/2.2.1/locations/sender?limit=1');
    const { protectedHeader } = await verifyHubSignature(
      res.headers.get('ocpi-hub-signature')!,
      responsePayload(200, res.headers, res.body),
      await jwks(),
    );
    expect(protectedHeader.aud).toBe('DE*EMA');
    expect(res.headers.get('x-total-count')).toBe('1');
  });

  test('when a request is relayed, then both the request to the receiver and the answer to the requester are signed for them', async () => {
    cpo.respond = (r) =>
      r.path.startsWith('/ocpi/2.2.1/sessions/sender')
        ? { status: 200, body: ok([]), headers: { 'X-Total-Count': '0' } }
        : undefined;
    const res = await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', { to: CPO });
    cpo.respond = undefined;
    const asked = cpo.received('/ocpi/2.2.1/sessions/sender', 'GET').at(-1)!;
    const toCpo = await verifyHubSignature(
      String(asked.headers['ocpi-hub-signature']),
      requestPayload('GET', asked.path, asked.headers, null),
      await jwks(),
    );
    expect(toCpo.protectedHeader.aud).toBe('NL*CPA');
    const toEmsp = await verifyHubSignature(
      res.headers.get('ocpi-hub-signature')!,
      responsePayload(200, res.headers, res.body),
      await jwks(),
    );
    expect(toEmsp.protectedHeader.aud).toBe('DE*EMA');
  });

  test('when the hub answers an error to a known party, then it is signed; a 401 is not', async () => {
    const refused = await emsp.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/L9', {
      body: aLocation({ id: 'L9' }),
    });
    expect(refused.status).toBe(403);
    await verifyHubSignature(
      refused.headers.get('ocpi-hub-signature')!,
      responsePayload(403, refused.headers, refused.body),
      await jwks(),
    );
    const anonymous = await call('GET', `${hub.url}/ocpi/versions`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('ocpi-hub-signature')).toBeNull();
  });

  test('when a ClientInfo is pushed, then it is signed too', async () => {
    await hub.admin('POST', `/platforms/${cpo.platformId}/suspend`);
    await hub.admin('POST', `/platforms/${cpo.platformId}/unsuspend`);
    await hub.drain();
    const put = emsp.received('/hubclientinfo/receiver/NL/CPA', 'PUT').at(-1)!;
    await verifyHubSignature(
      String(put.headers['ocpi-hub-signature']),
      requestPayload('PUT', put.path, put.headers, put.body),
      await jwks(),
    );
  });

  test('when the operator rotates the keys, then new messages use the new kid and the old key stays published', async () => {
    const before = (await jwks()).keys
      .filter((k: { use: string }) => k.use === 'sig')
      .map((k: { kid: string }) => k.kid);
    const rotated = await hub.admin('POST', '/keys/rotate', { use: 'sig' });
    expect(rotated.status).toBe(200);
    const after = (await jwks()).keys
      .filter((k: { use: string }) => k.use === 'sig')
      .map((k: { kid: string }) => k.kid);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toHaveLength(before.length + 1);
    const res = await emsp.ocpi('GET', '/ocpi/2.2.1/locations/sender');
    const { protectedHeader } = await verifyHubSignature(
      res.headers.get('ocpi-hub-signature')!,
      responsePayload(200, res.headers, res.body),
      await jwks(),
    );
    expect(before).not.toContain(protectedHeader.kid);
  });
});
