// Short-lived caches of database reads (the party directory, the agreements): read again in the background once
// half their lifetime has passed, never served older than it, and never refilled by a reading older than a write.
import { cachedLoad, cachedLoads } from '../../src/db/cached';

/** A load whose readings the test settles by hand, in any order. */
function manualLoad() {
  const readings: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const load = () =>
    new Promise<number>((resolve, reject) => {
      readings.push({ resolve, reject });
    });
  return { load, readings };
}

describe('cachedLoad', () => {
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());
  const settle = () => new Promise((r) => setImmediate(r));

  it('when the value is past half its lifetime then it is still answered, and read again once in the background', async () => {
    const { load, readings } = manualLoad();
    const cache = cachedLoad(2000, load);
    const first = cache.get();
    readings[0]!.resolve(1);
    expect(await first).toBe(1);
    now += 1500;
    expect(await cache.get()).toBe(1); // no wait for the second reading
    expect(await cache.get()).toBe(1);
    expect(readings).toHaveLength(2);
    readings[1]!.resolve(2);
    await settle();
    expect(await cache.get()).toBe(2);
  });

  it('when the value is older than its lifetime then the caller waits for a new reading', async () => {
    const { load, readings } = manualLoad();
    const cache = cachedLoad(2000, load);
    const first = cache.get();
    readings[0]!.resolve(1);
    await first;
    now += 2500;
    const second = cache.get();
    expect(readings).toHaveLength(2);
    readings[1]!.resolve(2);
    expect(await second).toBe(2);
  });

  it('when the value is dropped during a background reading then that reading is not kept', async () => {
    const { load, readings } = manualLoad();
    const cache = cachedLoad(2000, load);
    const first = cache.get();
    readings[0]!.resolve(1);
    await first;
    now += 1500;
    await cache.get(); // starts reading 1
    cache.drop(); // this process wrote: what reading 1 returns may predate the write
    const fresh = cache.get(); // reading 2
    readings[1]!.resolve(10);
    readings[2]!.resolve(20);
    expect(await fresh).toBe(20);
    await settle();
    expect(await cache.get()).toBe(20);
  });

  it('when a background reading fails then the value in hand serves until it is too old', async () => {
    const { load, readings } = manualLoad();
    const cache = cachedLoad(2000, load);
    const first = cache.get();
    readings[0]!.resolve(1);
    await first;
    now += 1500;
    await cache.get();
    readings[1]!.reject(new Error('database away'));
    await settle();
    expect(await cache.get()).toBe(1);
    expect(readings).toHaveLength(3); // and it tries again
  });
});

describe('cachedLoads (per key: the presented tokens)', () => {
  it('when a key is found then it is read once for many gets; when it is not, then it is not kept and read again', async () => {
    const reads: string[] = [];
    const known = new Map([['token-1', 'NL*CPO']]);
    const cache = cachedLoads(2000, (key) => {
      reads.push(key);
      return Promise.resolve(known.get(key));
    });
    expect(await Promise.all([cache.get('token-1'), cache.get('token-1')])).toEqual(['NL*CPO', 'NL*CPO']);
    expect(await cache.get('token-1')).toBe('NL*CPO');
    expect(cache.has('token-1')).toBe(true);
    expect(await cache.get('unknown')).toBeUndefined();
    expect(cache.has('unknown')).toBe(false);
    expect(await cache.get('unknown')).toBeUndefined();
    expect(reads).toEqual(['token-1', 'unknown', 'unknown']);
  });

  it('when the cache is dropped (a platform was written) then every key is read again', async () => {
    let owner = 'NL*CPO';
    const cache = cachedLoads(2000, () => Promise.resolve(owner));
    expect(await cache.get('token-1')).toBe('NL*CPO');
    owner = 'NL*OTHER';
    expect(await cache.get('token-1')).toBe('NL*CPO');
    cache.drop();
    expect(cache.has('token-1')).toBe(false);
    expect(await cache.get('token-1')).toBe('NL*OTHER');
  });
});
