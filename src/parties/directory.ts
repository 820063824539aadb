// Who is reachable, for routing: live platforms by party, cached briefly (invalidated on every platform write
// in this process; other replicas see changes within CACHE_MS) and read again in the background (db/cached.ts).
import { cachedLoad } from '../db/cached';
import { partyKey, type PartyRef } from '../ocpi/routing';
import { PlatformModel, type Platform, type RoleEntry } from './model';

const CACHE_MS = 2000;

export interface PartyEntry {
  platform: Platform;
  role: RoleEntry;
}

export class Directory {
  private readonly byKey = new Map<string, PartyEntry[]>();
  private readonly byId = new Map<string, Platform>();

  constructor(readonly platforms: Platform[]) {
    for (const platform of platforms) {
      this.byId.set(String(platform._id), platform);
      for (const role of platform.roles) {
        const key = partyKey(role);
        this.byKey.set(key, [...(this.byKey.get(key) ?? []), { platform, role }]);
      }
    }
  }

  /** The roles a party (country_code, party_id) holds, on whichever platform. */
  find(ref: PartyRef): PartyEntry[] {
    return this.byKey.get(partyKey(ref)) ?? [];
  }

  /** A platform by its id (an outbox row's receiver, a proxy's target): a map, not a scan per delivery. */
  platform(id: { toString(): string }): Platform | undefined {
    return this.byId.get(String(id));
  }

  /** The roles behind a stored owner key such as `NL*CPA`. */
  findKey(key: string): PartyEntry[] {
    return this.byKey.get(key) ?? [];
  }

  /** Platforms that completed registration and are not suspended. */
  connected(): Platform[] {
    return this.platforms.filter((p) => p.registered && !p.suspended);
  }
}

/** The URL a platform registered for a module interface, if it implements it. */
export function endpointOf(platform: Platform, identifier: string, role: 'SENDER' | 'RECEIVER'): string | undefined {
  return platform.endpoints.find((e) => e.identifier === identifier && e.role === role)?.url;
}

const live = cachedLoad(CACHE_MS, () =>
  PlatformModel.find({ active: true })
    .lean<Platform[]>()
    .then((ps) => new Directory(ps)),
);

export const directory = (): Promise<Directory> => live.get();

const dependents: (() => void)[] = [];
/** Caches derived from platforms (the token cache) are dropped with the directory. */
export const onInvalidate = (drop: () => void) => dependents.push(drop);

export function invalidateDirectory(): void {
  live.drop();
  for (const drop of dependents) drop();
}

/** Every platform write goes through here, so routing never works from a stale directory in this process. */
export async function afterWrite<T>(write: PromiseLike<T>): Promise<T> {
  const result = await write;
  invalidateDirectory(); // and the token cache with it
  return result;
}
