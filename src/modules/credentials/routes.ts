// credentials module: GET, POST (register), PUT (update) and DELETE (unregister) of the party's registration.
import { Router } from 'express';
import { envelope } from '../../ocpi/envelope';
import { methodNotAllowed } from '../../ocpi/errors';
import { parse } from '../../ocpi/validate';
import { announceChange } from '../../parties/announce';
import { authenticateRegistering, partyOf } from '../../parties/auth';
import { endConnection, tokenC } from '../../parties/store';
import { DETAILS_PATH, type ServedInterface } from '../versions/routes';
import { acceptCredentials, hubCredentials } from './handshake';
import { Credentials } from './schema';

const router = Router();
router.use(authenticateRegistering);

router.get('/', (req, res) => {
  const caller = partyOf(req);
  // Before registration the caller only knows Token A; afterwards it is shown the Token C it must use.
  const token = caller.tokenKind === 'C' ? (tokenC(caller.platform) ?? caller.token) : caller.token;
  res.json(envelope(hubCredentials(token)));
});

router.post('/', async (req, res) => {
  res.json(envelope(await acceptCredentials(partyOf(req), parse(Credentials, req.body), 'POST')));
});

router.put('/', async (req, res) => {
  res.json(envelope(await acceptCredentials(partyOf(req), parse(Credentials, req.body), 'PUT')));
});

router.delete('/', async (req, res) => {
  const caller = partyOf(req);
  if (caller.tokenKind !== 'C') throw methodNotAllowed('not registered: there is no registration to delete');
  await announceChange(caller.platform, await endConnection(caller.platform._id, false), req.correlationId);
  res.json(envelope(undefined));
});

const path = `${DETAILS_PATH}/credentials`;
// Listed under both interface roles: parties look credentials up by identifier, some by either role.
export const interfaces: ServedInterface[] = [
  { identifier: 'credentials', role: 'SENDER', path, router },
  { identifier: 'credentials', role: 'RECEIVER', path, router },
];
