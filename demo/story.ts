// The demo's script: each step is one thing crossing the hub, printed as one line (who → whom, what, status, outcome).
import { randomUUID } from 'node:crypto';
import { assertOk, statusOf, type Answer } from './http';
import type { DemoHub } from './hub';
import * as o from './objects';
import type { Party } from './party';
import type { SimulatedCpo, SimulatedEmsp } from './parties';

export interface Step {
  who: string;
  what: string;
  run: () => Promise<{ status: string; note: string }>;
}

const OP = 'operator → hub';
const party = (r: { country_code: string; party_id: string }) => ({
  country_code: r.country_code,
  party_id: r.party_id,
});
const KWH = 7.5;

/** The answer's status, after checking it is a success; a bad signature on the answer is reported, not thrown. */
const answered = (a: Answer & { verdict?: { ok: boolean } }, what: string) => {
  assertOk(a, what);
  return statusOf(a) + (a.verdict && !a.verdict.ok ? ' (answer signature FAILED)' : '');
};

/** Waits for the hub to deliver the call to `to`, and says whether its signature verified. */
async function delivered(to: Party, method: string, pathPart: string): Promise<string> {
  const got = await to.waitFor(method, pathPart);
  const verdict = await got.verdict;
  return verdict.ok ? `${to.key} got it, signature verified` : `${to.key} got it, signature FAILED: ${verdict.reason}`;
}

/** What the operator sees of the party once registered: it must be CONNECTED. */
async function assertConnected(hub: DemoHub, id: string, key: string): Promise<string> {
  const res = await hub.admin<{ roles?: { status: string }[] }>('GET', `/platforms/${id}`);
  const statuses = (res.body.roles ?? []).map((r) => r.status);
  if (statuses.length === 0 || statuses.some((s) => s !== 'CONNECTED'))
    throw new Error(`${key} is ${statuses.join(',') || 'unknown'} after registering, not CONNECTED`);
  return `${key} CONNECTED`;
}

async function declare(
  hub: DemoHub,
  p: Party,
): Promise<{ id: string; token_a: string; versions_url: string; code: number }> {
  const res = await hub.admin<{ id: string; token_a: string; versions_url: string }>('POST', '/platforms', {
    name: `${p.key} (simulated)`,
    roles: [p.role],
  });
  if (res.status !== 201) throw new Error(`POST /admin/platforms: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, code: res.status };
}

export function script(hub: DemoHub, cpo: SimulatedCpo, emsp: SimulatedEmsp): Step[] {
  const ids = { cpo: '', emsp: '', tokenA: '', versionsUrl: '', responseUrl: '' };
  const C = cpo.key;
  const E = emsp.key;
  const c2e = `${C} → hub → ${E}`;
  const e2c = `${E} → hub → ${C}`;
  return [
    {
      who: OP,
      what: `declare the CPO ${C} (POST /admin/platforms)`,
      run: async () => {
        const p = await declare(hub, cpo);
        Object.assign(ids, { cpo: p.id, tokenA: p.token_a, versionsUrl: p.versions_url });
        return { status: String(p.code), note: 'Token A issued for the CPO to register with' };
      },
    },
    {
      who: `${C} → hub`,
      what: 'registers: versions, details, credentials POST',
      run: async () => {
        const res = await cpo.registerWith(ids.versionsUrl, ids.tokenA);
        return {
          status: statusOf(res),
          note: `party-initiated with Token A; Token C received; ${await assertConnected(hub, ids.cpo, C)}`,
        };
      },
    },
    {
      who: OP,
      what: `declare the eMSP ${E}`,
      run: async () => {
        ids.emsp = (await declare(hub, emsp)).id;
        return { status: '201', note: 'this one the hub will register with itself' };
      },
    },
    {
      who: `hub → ${E}`,
      what: 'registers: versions, details, credentials POST',
      run: async () => {
        const res = await hub.admin('POST', `/platforms/${ids.emsp}/register`, {
          versions_url: emsp.versionsUrl,
          token: emsp.issueToken(),
        });
        if (res.status !== 200) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
        return {
          status: String(res.status),
          note: `hub-initiated (POST /admin/platforms/{id}/register); ${await assertConnected(hub, ids.emsp, E)}`,
        };
      },
    },
    {
      who: OP,
      what: `roaming agreement ${C} ↔ ${E} (POST /admin/agreements)`,
      run: async () => {
        const res = await hub.admin('POST', '/agreements', { cpo: party(o.CPO), emsp: party(o.EMSP) });
        if (res.status !== 201) throw new Error(`agreement: ${res.status} ${JSON.stringify(res.body)}`);
        return { status: String(res.status), note: 'the two may now exchange data' };
      },
    },
    {
      who: c2e,
      what: `PUT location ${o.LOCATION_ID} (1 EVSE, 22 kW)`,
      run: async () => ({
        status: answered(await cpo.pushLocation(), 'PUT location'),
        note: await delivered(emsp, 'PUT', `/locations/receiver/NL/CPO/${o.LOCATION_ID}`),
      }),
    },
    {
      who: c2e,
      what: `PUT tariff ${o.TARIFF_ID} (€ 0.39/kWh)`,
      run: async () => ({
        status: answered(await cpo.pushTariff(), 'PUT tariff'),
        note: await delivered(emsp, 'PUT', `/tariffs/receiver/NL/CPO/${o.TARIFF_ID}`),
      }),
    },
    {
      who: e2c,
      what: `PUT token ${o.TOKEN_UID} (RFID)`,
      run: async () => ({
        status: answered(await emsp.pushToken(), 'PUT token'),
        note: await delivered(cpo, 'PUT', `/tokens/receiver/DE/MSP/${o.TOKEN_UID}`),
      }),
    },
    {
      who: c2e,
      what: `real-time authorization of ${o.TOKEN_UID} at ${o.LOCATION_ID}`,
      run: async () => {
        const res = await cpo.authorize();
        const s = answered(res, 'authorize');
        return {
          status: s,
          note: `${(res.body.data as { allowed?: string } | undefined)?.allowed}; ${await delivered(emsp, 'POST', `/tokens/sender/${o.TOKEN_UID}/authorize`)}`,
        };
      },
    },
    {
      who: e2c,
      what: `START_SESSION at ${o.LOCATION_ID} (hub routes by location)`,
      run: async () => {
        const res = await emsp.startSession(randomUUID());
        const s = answered(res, 'START_SESSION');
        const command = await cpo.startCommand();
        ids.responseUrl = (command.body as { response_url: string }).response_url;
        if (!ids.responseUrl.startsWith(`${hub.url}/`))
          throw new Error(`the CPO got response_url ${ids.responseUrl}, not a hub proxy`);
        const verdict = await command.verdict;
        const checked = verdict.ok ? 'signature verified' : `signature FAILED: ${verdict.reason}`;
        return {
          status: s,
          note: `${(res.body.data as { result?: string } | undefined)?.result}; ${C} got it with a hub response_url, ${checked}`,
        };
      },
    },
    {
      who: c2e,
      what: 'CommandResult ACCEPTED to the proxied response_url',
      run: async () => ({
        status: answered(await cpo.sendResult(ids.responseUrl), 'CommandResult'),
        note: await delivered(emsp, 'POST', '/commands/sender/START_SESSION/'),
      }),
    },
    {
      who: c2e,
      what: `PUT session ${o.SESSION_ID} (ACTIVE)`,
      run: async () => ({
        status: answered(await cpo.startSession(), 'PUT session'),
        note: await delivered(emsp, 'PUT', `/sessions/receiver/NL/CPO/${o.SESSION_ID}`),
      }),
    },
    {
      who: c2e,
      what: `PATCH session ${o.SESSION_ID} (${KWH} kWh so far)`,
      run: async () => ({
        status: answered(await cpo.updateSession(KWH), 'PATCH session'),
        note: await delivered(emsp, 'PATCH', `/sessions/receiver/NL/CPO/${o.SESSION_ID}`),
      }),
    },
    {
      who: c2e,
      what: `POST CDR ${o.CDR_ID} (${KWH} kWh, € ${(KWH * 0.39 * 1.21).toFixed(2)} incl. VAT)`,
      run: async () => ({
        status: answered(await cpo.sendCdr(KWH), 'POST CDR'),
        note: await delivered(emsp, 'POST', '/cdrs/receiver'),
      }),
    },
  ];
}
