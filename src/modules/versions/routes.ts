// versions module: the hub's version list, its 2.2.1 and 2.3.0 details listing every endpoint it serves, and its 2.1.1
// details (version_information_endpoint.md of 2.1.1: no roles, one URL per module).
import { Router } from 'express';
import { config } from '../../config';
import { envelope } from '../../ocpi/envelope';
import { authenticateRegistering } from '../../parties/auth';
import type { Endpoint } from './schema';

export const VERSION = '2.2.1';
export const VERSIONS_PATH = '/ocpi/versions';
export const DETAILS_PATH = `/ocpi/${VERSION}`;
export const VERSION_211 = '2.1.1';
export const DETAILS_PATH_211 = `/ocpi/${VERSION_211}`;
export const VERSION_230 = '2.3.0';
export const DETAILS_PATH_230 = `/ocpi/${VERSION_230}`;
/** The same interface at the 2.3.0 prefix: one router serves both versions, converting by the caller's version. */
export const at230 = (path: string) => path.replace(DETAILS_PATH, DETAILS_PATH_230);
/** The modules a 2.1.1 party finds at the hub; each URL serves the interface fitting the caller's single role. */
export const MODULES_211 = ['credentials', 'locations', 'sessions', 'cdrs', 'tariffs', 'tokens', 'commands'] as const;
export const hubVersionsUrl = () => `${config.publicUrl}${VERSIONS_PATH}`;

/** One interface the hub serves; the version details are built from these, so they cannot drift. */
export interface ServedInterface {
  identifier: string;
  role: Endpoint['role'];
  path: string;
  router: Router;
}

/** `relayed`: the modules the hub lists in its 2.3.0 details only to relay them (Payments, custom modules). */
export function versionsRouter(served: ServedInterface[], relayed: () => Promise<string[]> = async () => []): Router {
  const router = Router();
  router.get(VERSIONS_PATH, authenticateRegistering, (_req, res) => {
    // The hub's core version first (parties that take the first entry keep 2.2.1); 2.3.0 parties look for theirs.
    res.json(
      envelope([
        { version: VERSION, url: `${config.publicUrl}${DETAILS_PATH}` },
        { version: VERSION_211, url: `${config.publicUrl}${DETAILS_PATH_211}` },
        { version: VERSION_230, url: `${config.publicUrl}${DETAILS_PATH_230}` },
      ]),
    );
  });
  router.get(DETAILS_PATH, authenticateRegistering, (_req, res) => {
    const endpoints = served.map((s) => ({
      identifier: s.identifier,
      role: s.role,
      url: `${config.publicUrl}${s.path}`,
    }));
    res.json(envelope({ version: VERSION, endpoints }));
  });
  router.get(DETAILS_PATH_230, authenticateRegistering, async (_req, res) => {
    const endpoints = served.map((s) => ({
      identifier: s.identifier,
      role: s.role,
      url: `${config.publicUrl}${at230(s.path)}`,
    }));
    for (const identifier of await relayed()) {
      for (const role of ['SENDER', 'RECEIVER'] as const)
        endpoints.push({
          identifier,
          role,
          url: `${config.publicUrl}${DETAILS_PATH_230}/${identifier}/${role.toLowerCase()}`,
        });
    }
    res.json(envelope({ version: VERSION_230, endpoints }));
  });
  router.get(DETAILS_PATH_211, authenticateRegistering, (_req, res) => {
    const endpoints = MODULES_211.map((identifier) => ({
      identifier,
      url: `${config.publicUrl}${DETAILS_PATH_211}/${identifier}`,
    }));
    res.json(envelope({ version: VERSION_211, endpoints }));
  });
  return router;
}
