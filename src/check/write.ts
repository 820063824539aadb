// --write: for partners with a test platform, push test objects owned by a party the operator names into the
// partner's Receiver interfaces, then read them back (2.2.1 Receiver: PUT stores, GET returns what was stored).
import type { PartyRef } from '../ocpi/routing';
import { dataOf, endpoint, probe, type CheckContext } from './probe';
import { result, type CheckResult } from './report';

const ID = 'OCPI-HUB-CHECK-1';

function testObject(identifier: string, owner: PartyRef): { path: string; body: Record<string, unknown> } | undefined {
  const base = {
    country_code: owner.country_code,
    party_id: owner.party_id,
    last_updated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  if (identifier === 'tokens') {
    return {
      path: `${ID}?type=RFID`,
      body: {
        ...base,
        uid: ID,
        type: 'RFID',
        contract_id: `${owner.country_code}-${owner.party_id}-C00000001`,
        issuer: 'ocpi-hub check',
        valid: false,
        whitelist: 'NEVER',
      },
    };
  }
  if (identifier === 'locations') {
    return {
      path: ID,
      body: {
        ...base,
        id: ID,
        publish: false,
        address: 'Teststraat 1',
        city: 'Utrecht',
        country: 'NLD',
        time_zone: 'Europe/Amsterdam',
        coordinates: { latitude: '52.090', longitude: '5.120' },
        evses: [],
      },
    };
  }
  return undefined;
}

/** One round trip per Receiver the checker knows a test object for. */
export async function checkWrite(ctx: CheckContext, owner: PartyRef): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const identifier of ['tokens', 'locations']) {
    const url = endpoint(ctx, identifier, 'RECEIVER');
    const object = testObject(identifier, owner);
    if (!url || !object) continue;
    const R = {
      id: `write.${identifier}`,
      title: `${identifier}: a pushed test object is stored and returned`,
      rule: `2.2.1 mod_${identifier} Receiver: PUT stores the object, GET returns it`,
    };
    const at = `${url.replace(/\/+$/, '')}/${owner.country_code}/${owner.party_id}/`;
    const put = await probe(ctx, {
      method: 'PUT',
      url: `${at}${object.path.split('?')[0]}`,
      body: object.body,
      routed: true,
    });
    const get = await probe(ctx, { url: `${at}${object.path}`, routed: true });
    const back = dataOf(get) as Record<string, unknown> | undefined;
    const evidence = [put.ex, get.ex];
    if (!put.res || put.res.status >= 300)
      out.push(result(R, 'fail', `PUT answered ${put.res ? `HTTP ${put.res.status}` : put.ex.error}`, evidence));
    else if (!back)
      out.push(
        result(R, 'fail', `GET of the stored object answered HTTP ${get.res?.status ?? get.ex.error}`, evidence),
      );
    else if (back.last_updated !== object.body.last_updated)
      out.push(result(R, 'warn', 'returned, but with a different last_updated', evidence));
    else out.push(result(R, 'pass', `stored and returned under ${owner.country_code}*${owner.party_id}`, evidence));
  }
  if (out.length === 0)
    out.push(
      result(
        { id: 'write', title: 'Write round trip', rule: '2.2.1 Receiver interfaces' },
        'warn',
        'no tokens or locations Receiver to write to',
      ),
    );
  return out;
}
