// Asking several parties the same question at once (real-time authorization of an unknown token): the first
// accepted answer wins; once all have answered, the last refusal to arrive, else nothing.
import type { Relayed } from './types';

export function firstAccepted(
  asks: Promise<Relayed>[],
  accepted: (r: Relayed) => boolean,
  refusal: (r: Relayed) => boolean,
): Promise<Relayed | undefined> {
  return new Promise((resolve) => {
    let pending = asks.length;
    let lastRefusal: Relayed | undefined;
    const settle = () => --pending === 0 && resolve(lastRefusal);
    if (pending === 0) resolve(undefined);
    for (const ask of asks) {
      ask.then(
        (r) => (accepted(r) ? resolve(r) : (refusal(r) && (lastRefusal = r), settle())),
        () => settle(),
      );
    }
  });
}
