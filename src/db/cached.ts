// A value read from the database and kept for a short time (the party directory, the roaming agreements): read
// again in the background once half that time has passed, so under steady traffic no request waits for a reading,
// and none is served a value whose reading began longer ago than `ms`.

export interface Cached<T> {
  get(): Promise<T>;
  /** Forgets the value (this process wrote what it was read from): the next get() reads again. */
  drop(): void;
}

interface Reading<T> {
  at: number;
  value: Promise<T>;
  done: boolean;
}

export function cachedLoad<T>(ms: number, load: () => Promise<T>): Cached<T> {
  let current: Reading<T> | undefined;
  let next: Reading<T> | undefined; // the background reading, once one runs
  let generation = 0; // a reading begun before a drop() is not kept after it

  function read(at: number): Reading<T> {
    const reading: Reading<T> = { at, value: load(), done: false };
    const started = generation;
    reading.value.then(
      () => {
        reading.done = true;
        if (next === reading) next = undefined;
        if (started === generation && (!current || current.at < at)) current = reading;
      },
      () => {
        if (next === reading) next = undefined; // the value in hand serves until it is too old
        if (current === reading) current = undefined;
      },
    );
    return reading;
  }

  return {
    get() {
      const now = Date.now();
      if (!current || now - current.at > ms) current = read(now);
      else if (now - current.at > ms / 2 && current.done && !next) next = read(now);
      return current.value;
    },
    drop() {
      generation += 1;
      current = undefined;
      next = undefined;
    },
  };
}

/**
 * cachedLoad per key (a presented token, say), each kept and refreshed the same way. A key whose reading finds
 * nothing (undefined) is not kept: the next get() reads it again. At most `max` keys; past that all are dropped.
 */
export function cachedLoads<T>(
  ms: number,
  load: (key: string) => Promise<T | undefined>,
  max = 10_000,
): { get(key: string): Promise<T | undefined>; has(key: string): boolean; drop(): void } {
  const entries = new Map<string, Cached<T | undefined>>();
  return {
    async get(key) {
      let entry = entries.get(key);
      if (!entry) {
        if (entries.size >= max) entries.clear();
        entries.set(key, (entry = cachedLoad(ms, () => load(key))));
      }
      const value = await entry.get();
      if (value === undefined && entries.get(key) === entry) entries.delete(key);
      return value;
    },
    /** A reading of the key is kept or under way. */
    has: (key) => entries.has(key),
    drop() {
      for (const entry of entries.values()) entry.drop();
      entries.clear();
    },
  };
}
