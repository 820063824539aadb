// Waiting in tests: for something observable (a call recorded, a row's state), polled with a deadline instead of
// a guessed sleep; and, where time passing is itself the point (a window, an age, a cache lifetime), a sleep.

/**
 * Polls `check` every `everyMs` until it holds, then returns its value at once; when `ms` have passed, returns its
 * last (falsy) value, so the test's own expect reports what did not happen.
 */
export async function until<T>(check: () => T | Promise<T>, ms = 5000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value || Date.now() >= deadline) return value;
    await sleep(everyMs);
  }
}

/** Only where time passing is what the test is about; say why at the call. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
