// The hub checks itself: the same checker, run against the running hub as a registered CPO and eMSP see it
// (their own tokens, their own routing headers), passes every check.
import { runCheck } from '../../src/check/run';
import { aCdr, aCdrToken, aLocation, aSession, aTariff, aToken } from '../builders';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';
import type { FakeParty } from '../harness/fake-party';

const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'EMA' };
const at = (i: number) => `2025-06-02T08:1${i}:00Z`;

describe('the hub as its partners see it', () => {
  let hub: Hub;
  let cpo: FakeParty;
  let emsp: FakeParty;

  beforeAll(async () => {
    ({ hub, cpo, emsp } = await startWithPair({ cpo: { roles: [CPO] }, emsp: { roles: [EMSP] } }));
    const owner = { country_code: 'NL', party_id: 'CPA' };
    const cdr_token = aCdrToken({ country_code: 'DE', party_id: 'EMA' }); // sessions and CDRs are the eMSP's to see
    for (const i of [1, 2, 3]) {
      await cpo.ocpi('PUT', `/ocpi/2.2.1/locations/receiver/NL/CPA/LOC${i}`, {
        to: 'hub',
        body: aLocation({ ...owner, id: `LOC${i}`, last_updated: at(i) }),
      });
      await cpo.ocpi('PUT', `/ocpi/2.2.1/tariffs/receiver/NL/CPA/T${i}`, {
        to: 'hub',
        body: aTariff({ ...owner, id: `T${i}`, last_updated: at(i) }),
      });
      await cpo.ocpi('PUT', `/ocpi/2.2.1/sessions/receiver/NL/CPA/S${i}`, {
        to: 'hub',
        body: aSession({ ...owner, cdr_token, id: `S${i}`, last_updated: at(i) }),
      });
      await cpo.ocpi('POST', '/ocpi/2.2.1/cdrs/receiver', {
        to: 'hub',
        body: aCdr({ ...owner, cdr_token, id: `CDR${i}`, last_updated: at(i) }),
      });
      await emsp.ocpi('PUT', `/ocpi/2.2.1/tokens/receiver/DE/EMA/TOK${i}`, {
        to: 'hub',
        body: aToken({ country_code: 'DE', party_id: 'EMA', uid: `TOK${i}`, last_updated: at(i) }),
      });
    }
    await hub.drain();
  });
  afterAll(() => hub.stop());

  test.each([
    ['eMSP', EMSP, () => emsp],
    ['CPO', CPO, () => cpo],
  ])("when checked with a registered %s's token, then every check passes", async (_name, role, party) => {
    const report = await runCheck({ versionsUrl: hub.versionsUrl, token: party().hubToken ?? '', from: role });
    expect(report.checks.filter((c) => c.verdict !== 'pass').map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
    expect(report).toMatchObject({ verdict: 'pass', role: 'HUB', version: '2.2.1', token_encoding: 'base64' });
    expect(report.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'auth.wrong-token',
        'headers.request-id',
        'lists.locations.offset',
        'objects.cdrs.schema',
        'lists.hubclientinfo.paging',
      ]),
    );
  });
});
