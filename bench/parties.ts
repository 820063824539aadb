// Benchmark 4, scale of parties: one hub, first with a CPO and three eMSPs, then with 1,000 platforms of which
// 100 eMSPs receive each Location broadcast (the others: CPOs, which do not). Hub RSS and deliveries/s in both.
// The 997 extra platforms are written straight into the database with the hub's own store code; the 100
// receivers are paths on four shared receiver servers (the hub's HTTP agent keeps 64 sockets per host:port).
import './lib/env';
import { loadKeyring } from '../src/crypto/keyring';
import { createPlatform, saveConnection } from '../src/parties/store';
import { put, pushAndDeliver } from './broadcast';
import { engineStatus, releaseDatabase, useDatabase } from './lib/engine';
import { HUB_PARTY, ocpiHeaders, register, spawnHub } from './lib/hub';
import { PartyServer, type Party, type Role } from './lib/party';
import { round, rssMb, rssSampler } from './lib/proc';
import type { BenchResult } from './lib/report';

const PLATFORMS = 1000;
const RECEIVERS = 100;
const DELIVERIES = Number(process.env.BENCH_PARTY_DELIVERIES ?? 4500); // per phase: same work, different fan-out
const CPO: Role = { role: 'CPO', country_code: 'NL', party_id: 'CPO' };
const LOCATIONS_RECEIVER = [{ identifier: 'locations', role: 'RECEIVER' as const }];

/** Registered as a completed handshake would leave it (src/parties/store.ts), without the HTTP round trips. */
async function addDirectly(party: Party): Promise<void> {
  const { platform } = await createPlatform(party.name, party.roles);
  const tokenC = `C-${party.name}`;
  await saveConnection(platform._id, {
    version: '2.2.1',
    versions_url: party.versionsUrl,
    endpoints: party.endpoints,
    tokenB: `B-${party.name}`,
    tokenC,
    roles: party.roles,
  });
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

export async function parties(): Promise<BenchResult> {
  const dbUri = await useDatabase('bench_parties');
  const servers = await Promise.all([0, 1, 2, 3].map(() => new PartyServer().start()));
  const serverOf = (i: number) => servers[i % servers.length] as PartyServer;
  const cpo = serverOf(0).add('cpo', [CPO]);
  const emsp = (i: number) =>
    serverOf(i).add(
      `emsp${i}`,
      [{ role: 'EMSP', country_code: 'NL', party_id: `E${String(i).padStart(2, '0')}` }],
      LOCATIONS_RECEIVER,
    );
  const three = [0, 1, 2].map(emsp);
  const hub = await spawnHub(dbUri);
  const bootRss = round(rssMb(hub.pid));
  try {
    const { tokenC } = await register(hub, cpo);
    for (const e of three) await register(hub, e);
    const { pid: engine } = await engineStatus();
    const viaHub = (i: number) => ocpiHeaders(tokenC, CPO, HUB_PARTY, i);
    await pushAndDeliver(three, 100, put(hub.url, viaHub, 'W'), {});
    const rssA = rssSampler(hub.pid);
    const small = await pushAndDeliver(three, DELIVERIES / 3, put(hub.url, viaHub, 'A'), { hub: hub.pid, engine });
    const smallRss = rssA();

    await new Promise((r) => setTimeout(r, 1000));
    const idleRssBefore = round(rssMb(hub.pid));
    await loadKeyring(); // the hub's data keys, to seal tokens as the hub does
    const more = Array.from({ length: RECEIVERS - 3 }, (_, i) => emsp(i + 3));
    const bystanders = Array.from({ length: PLATFORMS - RECEIVERS - 1 }, (_, i) =>
      serverOf(i).add(`cpo${i}`, [
        { role: 'CPO', country_code: 'DE', party_id: `C${i.toString(36).toUpperCase().padStart(2, '0')}` },
      ]),
    );
    await inBatches([...more, ...bystanders], 16, addDirectly);
    await new Promise((r) => setTimeout(r, 2500)); // the hub's party directory is cached for 2 s
    const idleRss = round(rssMb(hub.pid));
    const receivers = [...three, ...more];
    await pushAndDeliver(receivers, 2, put(hub.url, viaHub, 'W2'), {});
    const rssB = rssSampler(hub.pid);
    const large = await pushAndDeliver(
      receivers,
      DELIVERIES / RECEIVERS,
      put(hub.url, viaHub, 'B'),
      { hub: hub.pid, engine },
      hub,
    );
    const largeRss = rssB();
    const ratio = large.deliveries_per_s / small.deliveries_per_s;
    return {
      name: 'parties',
      figures: [
        {
          figure: `parties: hub RSS, ${PLATFORMS} platforms`,
          unit: 'MB',
          hub: largeRss.peakMb,
          baseline: smallRss.peakMb,
          ratio: largeRss.peakMb / smallRss.peakMb,
          target: '< 300 MB',
          met: largeRss.peakMb < 300,
        },
        {
          figure: `parties: deliveries/s, ${RECEIVERS} of ${PLATFORMS} vs 3 receivers`,
          unit: 'del/s',
          hub: large.deliveries_per_s,
          baseline: small.deliveries_per_s,
          ratio,
          target: 'ratio >= 0.8',
          met: ratio >= 0.8 && large.complete && large.errors === 0,
        },
      ],
      details: {
        platforms: PLATFORMS,
        receivers: RECEIVERS,
        deliveries_per_phase: DELIVERIES,
        hub_rss_after_boot_mb: bootRss,
        three_receivers: { ...small, rss_mb: smallRss, idle_rss_after_mb: idleRssBefore },
        thousand_platforms: { ...large, rss_mb: largeRss, idle_rss_before_mb: idleRss },
      },
    };
  } finally {
    await hub.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await releaseDatabase();
  }
}
