// What delivery tests read back: a receiver's outbox rows through the admin API, and the clock moved on.
import { aLocation } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';

export interface Row {
  id: string;
  platform_id: string;
  module: string;
  method: string;
  object_key: string;
  state: string;
  attempts: number;
  next_at: string;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

/** A receiver's rows (every state, oldest first), optionally only those of one object (key ending `*ID`). */
export async function rowsOf(hub: Hub, party: FakeParty, objectId?: string, state?: string): Promise<Row[]> {
  const query = `platform=${party.platformId}&limit=1000${state ? `&state=${state}` : ''}`;
  const res = await hub.admin<{ entries: Row[] }>('GET', `/outbox?${query}`);
  if (res.status !== 200) throw new Error(`GET /admin/outbox: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.entries.filter((r) => !objectId || r.object_key.endsWith(`*${objectId.toUpperCase()}`));
}

/** An hour ahead: every backing-off row is due (the longest backoff is 10 minutes). */
export const later = () => new Date(Date.now() + 3600_000);

/** An OCPI timestamp i minutes into a fixed day, for PATCHes that must carry last_updated. */
export const minute = (i: number) => new Date(Date.UTC(2025, 6, 1, 0, i)).toISOString();

/** A CPO's PUT of location `id` (named `name`) under NL*`partyId`, accepted (201 when it creates it). */
export async function putLocation(cpo: FakeParty, partyId: string, id: string, name: string): Promise<void> {
  const res = await cpo.ocpi('PUT', `/ocpi/2.2.1/locations/receiver/NL/${partyId}/${id}`, {
    body: aLocation({ country_code: 'NL', party_id: partyId, id, name }),
  });
  expect(res.status).toBeLessThan(300);
}
