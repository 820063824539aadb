// versions module: the hub's version list and its 2.2.1 details, listing every endpoint it serves.
import { Router } from 'express';
import { config } from '../../config';
import { envelope } from '../../ocpi/envelope';
import { authenticateRegistering } from '../../parties/auth';
import type { Endpoint } from './schema';

export const VERSION = '2.2.1';
export const VERSIONS_PATH = '/ocpi/versions';
export const DETAILS_PATH = `/ocpi/${VERSION}`;
export const hubVersionsUrl = () => `${config.publicUrl}${VERSIONS_PATH}`;

/** One interface the hub serves; the version details are built from these, so they cannot drift. */
export interface ServedInterface {
  identifier: string;
  role: Endpoint['role'];
  path: string;
  router: Router;
}

export function versionsRouter(served: ServedInterface[]): Router {
  const router = Router();
  router.get(VERSIONS_PATH, authenticateRegistering, (_req, res) => {
    res.json(envelope([{ version: VERSION, url: `${config.publicUrl}${DETAILS_PATH}` }]));
  });
  router.get(DETAILS_PATH, authenticateRegistering, (_req, res) => {
    const endpoints = served.map((s) => ({ identifier: s.identifier, role: s.role, url: `${config.publicUrl}${s.path}` }));
    res.json(envelope({ version: VERSION, endpoints }));
  });
  return router;
}
