// Still-alive (2.2.1 hubclientinfo): a party the hub has not heard from for HUB_STILL_ALIVE_MINUTES gets a
// GET of its versions endpoint; failure turns it OFFLINE, success brings an OFFLINE party back to CONNECTED.
import { config } from '../config';
import { send } from '../forward/client';
import { isEnvelope } from '../ocpi/envelope';
import { log } from '../log';
import { announceStatus } from '../parties/announce';
import { PlatformModel, type Platform } from '../parties/model';
import { setRoleStatus, tokenB } from '../parties/store';

async function alive(p: Platform): Promise<boolean> {
  try {
    const res = await send({
      method: 'GET',
      url: p.versions_url ?? '',
      token: tokenB(p),
      tokenEncoding: p.token_encoding,
      timeoutMs: 5000,
    });
    return res.status === 200 && isEnvelope(res.body) && res.body.status_code === 1000;
  } catch {
    return false;
  }
}

export async function run(now = new Date()): Promise<void> {
  const quietSince = new Date(now.getTime() - config.stillAliveMinutes * 60_000);
  const platforms = await PlatformModel.find({
    active: true,
    registered: true,
    suspended: false,
    'onboarding.state': { $ne: 'held' },
  }).lean<Platform[]>();
  await Promise.all(
    platforms.map(async (p) => {
      const offline = p.roles.some((r) => r.status === 'OFFLINE');
      if (!offline && p.last_seen_at && p.last_seen_at > quietSince) return;
      const ok = await alive(p);
      if (ok === !offline) return; // no change
      log.info(`still-alive: platform ${String(p._id)} is ${ok ? 'back' : 'not answering'}`, {
        platform: String(p._id),
      });
      await announceStatus(await setRoleStatus(p._id, ok ? 'CONNECTED' : 'OFFLINE', ok ? { last_seen_at: now } : {}));
    }),
  );
}
