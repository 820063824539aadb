// credentials module: GET, POST (register), PUT (update) and DELETE (unregister) of the party's registration.
import { Router, type RequestHandler } from 'express';
import { envelope } from '../../ocpi/envelope';
import { methodNotAllowed } from '../../ocpi/errors';
import { parseOcpi } from '../../ocpi/validate';
import { announceChange } from '../../parties/announce';
import { authenticateRegistering, partyOf, type PartyCaller } from '../../parties/auth';
import { endConnection, tokenC } from '../../parties/store';
import {
  DETAILS_PATH,
  DETAILS_PATH_211,
  DETAILS_PATH_230,
  VERSION_211,
  VERSION_230,
  type ServedInterface,
} from '../versions/routes';
import { acceptCredentials, hubCredentials } from './handshake';
import { Credentials } from './schema';
import { Credentials211, fromFlat, singleRole, toFlat } from './v211';
import { toCredentials230 } from './v230';

// Before registration the caller only knows Token A; afterwards it is shown the Token C it must use.
const shownToken = (caller: PartyCaller) =>
  caller.tokenKind === 'C' ? (tokenC(caller.platform) ?? caller.token) : caller.token;

const router = Router();
router.use(authenticateRegistering);

router.get('/', (req, res) => {
  const caller = partyOf(req);
  res.json(envelope(hubCredentials(shownToken(caller))));
});

router.post('/', async (req, res) => {
  res.json(envelope(await acceptCredentials(partyOf(req), parseOcpi(Credentials, req.body), 'POST')));
});

router.put('/', async (req, res) => {
  res.json(envelope(await acceptCredentials(partyOf(req), parseOcpi(Credentials, req.body), 'PUT')));
});

const unregister: RequestHandler = async (req, res) => {
  const caller = partyOf(req);
  if (caller.tokenKind !== 'C') throw methodNotAllowed('not registered: there is no registration to delete');
  await announceChange(caller.platform, await endConnection(caller.platform._id, false), req.correlationId);
  res.json(envelope(undefined));
};
router.delete('/', unregister);

const path = `${DETAILS_PATH}/credentials`;
// Listed under both interface roles: parties look credentials up by identifier, some by either role.
export const interfaces: ServedInterface[] = [
  { identifier: 'credentials', role: 'SENDER', path, router },
  { identifier: 'credentials', role: 'RECEIVER', path, router },
];

/** The same registration in 2.1.1 (credentials.md of 2.1.1): flat bodies, the role is the one the operator declared. */
const router211 = Router();
router211.use(authenticateRegistering);
router211.get('/', (req, res) => {
  const caller = partyOf(req);
  res.json(envelope(toFlat(hubCredentials(shownToken(caller)))));
});
for (const method of ['POST', 'PUT'] as const) {
  router211[method === 'POST' ? 'post' : 'put']('/', async (req, res) => {
    const caller = partyOf(req);
    const body = fromFlat(parseOcpi(Credentials211, req.body), singleRole(caller.platform.declared_roles));
    res.json(envelope(toFlat(await acceptCredentials(caller, body, method, VERSION_211))));
  });
}
router211.delete('/', unregister);

export const credentials211 = { path: `${DETAILS_PATH_211}/credentials`, router: router211 };

/**
 * The same registration in 2.3.0: the hub answers with its hub_party_id and, in roles, the parties the caller may trade
 * with.
 */
const router230 = Router();
router230.use(authenticateRegistering);
router230.get('/', async (req, res) => {
  const caller = partyOf(req);
  res.json(envelope(await toCredentials230(hubCredentials(shownToken(caller)), caller.platform)));
});
for (const method of ['POST', 'PUT'] as const) {
  router230[method === 'POST' ? 'post' : 'put']('/', async (req, res) => {
    const caller = partyOf(req);
    const ours = await acceptCredentials(caller, parseOcpi(Credentials, req.body), method, VERSION_230);
    res.json(envelope(await toCredentials230(ours, caller.platform)));
  });
}
router230.delete('/', unregister);

export const credentials230 = { path: `${DETAILS_PATH_230}/credentials`, router: router230 };
