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
