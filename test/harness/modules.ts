// The interfaces a typical CPO, eMSP and NSP implement (2.2.1 typical roles), for fake parties.
import type { Listed } from './fake-party-urls';

const list = (senders: string[], receivers: string[]): Listed[] => [
  ...senders.map((identifier) => ({ identifier, role: 'SENDER' as const })),
  ...receivers.map((identifier) => ({ identifier, role: 'RECEIVER' as const })),
];

export const cpoModules = list(
  ['locations', 'sessions', 'cdrs', 'tariffs'],
  ['tokens', 'commands', 'chargingprofiles', 'hubclientinfo'],
);
export const emspModules = list(
  ['tokens', 'commands', 'chargingprofiles'],
  ['locations', 'sessions', 'cdrs', 'tariffs', 'hubclientinfo'],
);
export const nspModules = list([], ['locations', 'tariffs', 'hubclientinfo']);
/** A party that only sends (or only receives) the modules named, e.g. `receives('locations')`. */
export const sends = (...identifiers: string[]) => list(identifiers, []);
export const receives = (...identifiers: string[]) => list([], identifiers);
