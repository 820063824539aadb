// The onboarding gate (HUB_ONBOARDING_CHECK): checks a registered platform with the token it issued to the hub,
// keeps the report, and releases a held platform into routing when a check passes or the operator accepts it.
import { recordAudit } from '../audit/log';
import { config } from '../config';
import { log } from '../log';
import { announceChange } from '../parties/announce';
import * as parties from '../parties/store';
import { runCheck, type Report } from './run';
import { saveReport } from './store';

export const isHeld = (p: parties.Platform) => p.onboarding?.state === 'held';

/** Held → passed/accepted; its roles become CONNECTED unless it is suspended (then they stay as they are). */
export async function release(p: parties.Platform, by: 'check' | 'operator'): Promise<parties.Platform | null> {
  const set: Record<string, unknown> = { 'onboarding.state': by === 'check' ? 'passed' : 'accepted' };
  if (by === 'operator') set['onboarding.accepted_at'] = new Date();
  let updated = await parties.updatePlatform(p._id, set);
  if (p.registered && !p.suspended) updated = await parties.setRoleStatus(p._id, 'CONNECTED');
  await announceChange(p, updated);
  recordAudit({
    action: by === 'check' ? 'onboarding released: check passed' : 'onboarding accepted by the operator',
    platform_id: String(p._id),
    outcome: 'CONNECTED',
  });
  return updated;
}

/** Runs the check on a registered platform, stores the report and, if it passed, releases a held platform. */
export async function checkPlatform(
  p: parties.Platform,
  write?: { country_code: string; party_id: string },
): Promise<Report> {
  const token = parties.tokenB(p);
  if (!p.registered || !p.versions_url || !token)
    throw new Error('the platform is not registered: there is no token to check it with');
  const report = await runCheck({
    versionsUrl: p.versions_url,
    token,
    role: p.roles[0]?.role,
    write,
    tokenSentAs: p.token_sent_as,
  });
  // The summary on the platform first: whoever sees the new report (GET …/check) then sees its verdict there too.
  await parties.updatePlatform(p._id, { 'onboarding.verdict': report.verdict, 'onboarding.checked_at': new Date() });
  await saveReport(p._id, report);
  recordAudit({
    action: 'onboarding check',
    platform_id: String(p._id),
    outcome: `${report.verdict}: ${report.counts.pass} passed, ${report.counts.warn} warnings, ${report.counts.fail} failed`,
  });
  if (report.verdict !== 'fail' && isHeld(p)) await release(p, 'check');
  return report;
}

// `report` and `required`: the hub checks each platform right after its handshake, in the background (the party
// is still finishing its side of the handshake: its answer must not wait for this).
const AFTER_HANDSHAKE_MS = 1000;
parties.onConnected((p) => {
  if (config.onboardingCheck === 'off') return;
  setTimeout(() => {
    void parties
      .getPlatform(String(p._id))
      .then((fresh) => (fresh?.registered ? checkPlatform(fresh) : undefined))
      .catch((error: unknown) =>
        log.warn('onboarding check after the handshake failed to run', {
          platform: String(p._id),
          error: (error as Error).message,
        }),
      );
  }, AFTER_HANDSHAKE_MS).unref();
});
