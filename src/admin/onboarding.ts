// Admin API for a platform's onboarding (HUB_ONBOARDING_CHECK): run the conformance check, read its latest
// report, accept a held platform without a passing check. Both actions are audited.
import { Router, type Request } from 'express';
import { isValidObjectId } from 'mongoose';
import { z } from 'zod';
import { checkPlatform, isHeld, release } from '../check/gate';
import { latestReport } from '../check/store';
import * as parties from '../parties/store';
import { AdminError, parseAdmin } from './schema';
import { platformView } from './view';

export const onboardingRouter = Router({ mergeParams: true });

export const CheckBody = z
  .object({
    /** --write: the namespace (a party the operator names) for test objects pushed to the partner. */
    write: z
      .object({ country_code: z.string().regex(/^[A-Za-z]{2}$/), party_id: z.string().regex(/^[A-Za-z0-9]{1,3}$/) })
      .optional(),
  })
  .strict();

async function load(req: Request): Promise<parties.Platform> {
  const id = String(req.params.id);
  const platform = isValidObjectId(id) ? await parties.getPlatform(id) : null;
  if (!platform) throw new AdminError(404, `no platform ${id}`);
  if (!platform.active) throw new AdminError(409, `platform ${id} was deleted`);
  return platform;
}

onboardingRouter.post('/check', async (req, res) => {
  const platform = await load(req);
  const body = parseAdmin(CheckBody, req.body ?? {});
  if (!platform.registered)
    throw new AdminError(409, 'not registered: the check needs the token the partner issued to the hub');
  res.json(await checkPlatform(platform, body.write));
});

onboardingRouter.get('/check', async (req, res) => {
  const platform = await load(req);
  const report = await latestReport(platform._id);
  if (!report) throw new AdminError(404, 'no check has run for this platform yet');
  res.json(report);
});

onboardingRouter.post('/accept', async (req, res) => {
  const platform = await load(req);
  if (!isHeld(platform)) throw new AdminError(409, 'this platform is not held for its onboarding check');
  res.json(platformView((await release(platform, 'operator')) ?? platform));
});
