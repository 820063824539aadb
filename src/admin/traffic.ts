// Admin API for traffic charts: a platform's last hours minute by minute, and sparklines for the platforms list.
import { Router } from 'express';
import { isValidObjectId, Types } from 'mongoose';
import { z } from 'zod';
import { flushTraffic } from '../observe/traffic';
import { platformTraffic, sparklines } from './traffic-query';
import { AdminError, parseAdmin } from './schema';

export const TrafficQuery = z.object({ hours: z.coerce.number().int().min(1).max(48).default(24) }).strict();
const SLOTS = 48;

export const platformTrafficRouter = Router({ mergeParams: true });
platformTrafficRouter.get('/', async (req, res) => {
  const id = String((req.params as { id?: string }).id);
  if (!isValidObjectId(id)) throw new AdminError(404, `no platform ${id}`);
  const { hours } = parseAdmin(TrafficQuery, req.query);
  await flushTraffic(); // this replica's last seconds too
  res.json({ hours, minutes: await platformTraffic(new Types.ObjectId(id), hours) });
});

export const trafficRouter = Router();
trafficRouter.get('/', async (req, res) => {
  const { hours } = parseAdmin(TrafficQuery, req.query);
  await flushTraffic();
  res.json({ hours, slots: SLOTS, platforms: await sparklines(hours, SLOTS) });
});
