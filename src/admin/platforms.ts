// Admin API for platforms: create, register (hub-initiated), Token A, rotate, patch, suspend, delete.
import { heldStats } from '../bridge/held';
import { Router, type Request } from 'express';
import { isValidObjectId } from 'mongoose';
import { OcpiError } from '../ocpi/errors';
import * as handshake from '../modules/credentials/handshake';
import { hubVersionsUrl } from '../modules/versions/routes';
import { announceChange, announceStatus } from '../parties/announce';
import * as parties from '../parties/store';
import { AdminError, CreatePlatform, parseAdmin, RegisterPlatform, UpdatePlatform } from './schema';
import { outboxStats } from './outbox';
import { platformView } from './view';

export const platformsRouter = Router();

async function load(req: Request, { live = true } = {}): Promise<parties.Platform> {
  const id = String(req.params.id);
  const platform = isValidObjectId(id) ? await parties.getPlatform(id) : null;
  if (!platform) throw new AdminError(404, `no platform ${id}`);
  if (live && !platform.active) throw new AdminError(409, `platform ${id} was deleted`);
  return platform;
}

async function assertRolesFree(roles: parties.DeclaredRole[], except?: parties.Platform) {
  const conflict = await parties.findRoleConflict(roles, except?._id);
  if (conflict) throw new AdminError(409, `role ${conflict} belongs to another platform`);
}

/** A failed hub-initiated handshake is the party's side failing: 502 with the OCPI reason. */
async function atParty<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof OcpiError)) throw error;
    throw new AdminError(502, error.message, [{ ocpi_status_code: error.code }]);
  }
}

const fresh = async (p: parties.Platform) => platformView((await parties.getPlatform(String(p._id))) ?? p);

platformsRouter.post('/', async (req, res) => {
  const body = parseAdmin(CreatePlatform, req.body);
  await assertRolesFree(body.roles);
  const { platform, tokenA } = await parties.createPlatform(body.name, body.roles);
  await announceStatus(platform);
  res.status(201).json({ ...platformView(platform), token_a: tokenA, versions_url: hubVersionsUrl() });
});

platformsRouter.get('/', async (_req, res) => {
  res.json((await parties.listPlatforms()).map(platformView));
});

platformsRouter.get('/:id', async (req, res) => {
  const platform = await load(req, { live: false });
  res.json({ ...platformView(platform), outbox: await outboxStats(platform._id), held: await heldStats(platform._id) });
});

platformsRouter.patch('/:id', async (req, res) => {
  const platform = await load(req);
  const body = parseAdmin(UpdatePlatform, req.body);
  const set: Record<string, unknown> = {};
  if (body.name) set.name = body.name;
  if (body.token_encoding) set.token_encoding = body.token_encoding;
  if (body.delivery) set.delivery = body.delivery;
  if (body.default_time_zone) set.default_time_zone = body.default_time_zone;
  if (body.roles) {
    await assertRolesFree(body.roles, platform);
    set.declared_roles = parties.declareRoles(body.roles);
    // Roles take effect at the party's next credentials POST or PUT; before any registration, at once.
    if (!platform.registered) set.roles = set.declared_roles;
  }
  const updated = await parties.updatePlatform(platform._id, set);
  await announceChange(platform, updated);
  res.json(platformView(updated ?? platform));
});

platformsRouter.post('/:id/register', async (req, res) => {
  const platform = await load(req);
  const body = parseAdmin(RegisterPlatform, req.body);
  if (platform.registered)
    throw new AdminError(409, 'already registered: rotate the credentials, or delete the platform first');
  await atParty(() => handshake.registerWithParty(platform, body.versions_url, body.token));
  res.json(await fresh(platform));
});

platformsRouter.post('/:id/token-a', async (req, res) => {
  const platform = await load(req);
  res.json({ token_a: await parties.issueTokenA(platform._id) });
});

platformsRouter.post('/:id/rotate', async (req, res) => {
  const platform = await load(req);
  if (!platform.registered) throw new AdminError(409, 'not registered: there are no credentials to rotate');
  await atParty(() => handshake.rotateWithParty(platform));
  res.json(await fresh(platform));
});

platformsRouter.post('/:id/suspend', async (req, res) => {
  const platform = await load(req);
  const updated = await parties.setRoleStatus(platform._id, 'OFFLINE', { suspended: true });
  await announceChange(platform, updated);
  res.json(platformView(updated ?? platform));
});

platformsRouter.post('/:id/unsuspend', async (req, res) => {
  const platform = await load(req);
  const live = platform.registered && platform.onboarding?.state !== 'held';
  const updated = await parties.setRoleStatus(platform._id, live ? 'CONNECTED' : 'PLANNED', { suspended: false });
  await announceChange(platform, updated);
  res.json(platformView(updated ?? platform));
});

platformsRouter.delete('/:id', async (req, res) => {
  const platform = await load(req, { live: false });
  if (platform.registered) {
    const problem = await handshake.leaveRegisteredParty(platform);
    if (problem)
      req.log?.warn('credentials DELETE at the party failed; the hub forgets it anyway', {
        platform: String(platform._id),
        problem,
      });
  }
  await announceChange(platform, await parties.endConnection(platform._id, true));
  res.status(204).end();
});
