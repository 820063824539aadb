// Benchmark 3, GET-All at depth: 100,000 locations seeded straight into the hub's database (the documents
// src/modules/locations/store.ts writes); an eMSP's page at offset 0 and at offset 90,000 (limit 100), medians
// of interleaved runs, and a walk of the whole list by Link, bounded in pages and time.
import './lib/env';
import { performance } from 'node:perf_hooks';
import { aLocation } from '../test/builders/locations';
import { locationFields, locationKey, locations } from '../src/modules/locations/store';
import { engineStatus, perUnit, releaseDatabase, useDatabase } from './lib/engine';
import { HUB_PARTY, ocpiHeaders, register, spawnHub } from './lib/hub';
import { agent, median, send } from './lib/load';
import { PartyServer } from './lib/party';
import { round } from './lib/proc';
import type { BenchResult } from './lib/report';

const COUNT = Number(process.env.BENCH_LOCATIONS ?? 100_000);
const DEEP = COUNT - 10_000;
const RUNS = 7;
const WALK_MAX_MS = Number(process.env.BENCH_WALK_SECONDS ?? 150) * 1000;
const OWNER = 'NL*CPO';
const EMSP = { role: 'EMSP', country_code: 'NL', party_id: 'EMP' };

async function seed(): Promise<number> {
  const started = performance.now();
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let from = 0; from < COUNT; from += 1000) {
    const docs = [];
    for (let i = from; i < Math.min(COUNT, from + 1000); i++) {
      const l = aLocation({
        country_code: 'NL',
        party_id: 'CPO',
        id: `LOC-${String(i).padStart(6, '0')}`,
        last_updated: new Date(base + i * 1000).toISOString(),
      });
      docs.push({
        key: locationKey(OWNER, l.id),
        ...locationFields(OWNER, l),
        data: JSON.stringify(l),
        rev: 1,
        deleted: false,
      });
    }
    await locations.model.collection.insertMany(docs, { ordered: false });
  }
  return (performance.now() - started) / 1000;
}

/**
 * The two queries of src/db/objects.ts page() timed straight on the engine (ms, medians of 3), with the filter an
 * eMSP gets under HUB_AGREEMENTS=open: as the hub runs them (its strictQuery drops `deleted`, not in the schema)
 * and as the code writes them (with `deleted: {$ne: true}`).
 */
async function queryCosts(): Promise<Record<string, Record<string, number>>> {
  const visible = { $and: [{}, { $or: [{ publish: true }, { owner: { $in: [] } }, { _id: { $in: [] } }] }] };
  const time = async (q: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await q();
      ms.push(performance.now() - started);
    }
    return round(median(ms), 1);
  };
  const costs = async (filter: Record<string, unknown>) => {
    const page = (skip: number) => () =>
      locations.model
        .find(filter)
        .sort({ last_updated: 1, _id: 1 })
        // as the hub reads a reader's page (db/objects.ts pageIndex)
        .hint({ deleted: 1, last_updated: 1, _id: 1 })
        .skip(skip)
        .limit(100)
        .lean()
        .exec();
    return {
      count: await time(() => locations.model.countDocuments(filter).exec()),
      find_offset_0: await time(page(0)),
      [`find_offset_${DEEP}`]: await time(page(DEEP)),
    };
  };
  return { as_run: await costs(visible), as_written: await costs({ ...visible, deleted: { $ne: true } }) };
}

export async function getAll(): Promise<BenchResult> {
  const dbUri = await useDatabase('bench_getall');
  const server = await new PartyServer().start();
  const emsp = server.add('emsp', [EMSP], [{ identifier: 'locations', role: 'RECEIVER' }]);
  const hub = await spawnHub(dbUri); // its boot creates the indexes, so the seed goes through them as writes would
  const via = agent(4);
  try {
    const { tokenC } = await register(hub, emsp);
    const seedSeconds = await seed();
    let n = 0;
    const get = async (url: string) => {
      const started = performance.now();
      const reply = await send(
        { method: 'GET', url, headers: ocpiHeaders(tokenC, EMSP, HUB_PARTY, n++) },
        via,
        120_000,
      );
      const ms = performance.now() - started;
      const items = reply.status === 200 ? ((JSON.parse(reply.body) as { data?: unknown[] }).data?.length ?? 0) : -1;
      return {
        ms,
        items,
        bytes: reply.body.length,
        next: /<([^>]+)>;\s*rel="?next"?/.exec(String(reply.headers.link ?? ''))?.[1],
      };
    };
    const page = (offset: number) => `${hub.url}/ocpi/2.2.1/locations/sender?offset=${offset}&limit=100`;
    await get(page(0)); // warm-up
    const first: number[] = [];
    const deep: number[] = [];
    const scans: Record<string, Record<string, number>> = {};
    for (let r = 0; r < RUNS; r++) {
      for (const [offset, into] of [
        [0, first],
        [DEEP, deep],
      ] as const) {
        const before = await engineStatus();
        const p = await get(page(offset));
        if (p.items !== 100) throw new Error(`page at offset ${offset}: ${p.items} items`);
        into.push(p.ms);
        scans[`offset_${offset}`] = perUnit(before.docs, (await engineStatus()).docs, 1);
      }
    }
    const walk = { pages: 0, items: 0, seconds: 0, complete: false, page_ms: [] as number[] };
    const started = performance.now();
    for (
      let url: string | undefined = page(0);
      url && walk.pages < COUNT / 100 + 10 && performance.now() - started < WALK_MAX_MS;
      walk.pages++
    ) {
      const p = await get(url);
      walk.items += Math.max(0, p.items);
      walk.page_ms.push(p.ms);
      url = p.next;
      walk.complete = url === undefined && walk.items === COUNT;
    }
    walk.seconds = round((performance.now() - started) / 1000, 1);
    const f = median(first);
    const d = median(deep);
    const projected = walk.complete
      ? walk.seconds
      : round(((performance.now() - started) / 1000 / walk.pages) * (COUNT / 100), 0);
    return {
      name: 'get-all',
      figures: [
        {
          figure: `GET-All: page at offset ${DEEP} vs 0`,
          unit: 'ms',
          hub: round(d, 1),
          baseline: round(f, 1),
          ratio: d / f,
          target: 'ratio <= 1.5',
          met: d / f <= 1.5,
        },
        {
          figure: `GET-All: walk of ${COUNT} by Link`,
          unit: 's',
          hub: projected,
          target: walk.complete ? '(reported)' : `(projected: ${walk.pages} pages in ${walk.seconds} s)`,
          met: true,
        },
      ],
      details: {
        locations: COUNT,
        seed_seconds: round(seedSeconds, 1),
        runs: RUNS,
        first_page_ms: first.map((x) => round(x, 1)),
        deep_page_ms: deep.map((x) => round(x, 1)),
        engine_per_page: scans,
        engine_query_ms: await queryCosts(),
        walk: {
          ...walk,
          page_ms: undefined,
          median_page_ms: round(median(walk.page_ms), 1),
          projected_seconds: projected,
        },
      },
    };
  } finally {
    via.destroy();
    await hub.stop();
    await server.stop();
    await releaseDatabase();
  }
}
