// commands module: the hub's Receiver, called by eMSPs; relayed to one CPO (never fanned out), with the
// response_url replaced by a hub proxy so the CPO's CommandResult comes back through the hub.
import { z } from 'zod';
import { invalidParameters, unknownReceiver } from '../../ocpi/errors';
import { directory } from '../../parties/directory';
import { route, type Context, type ModuleDef } from '../../pipeline/types';
import { visibleFilter } from '../../policy/visibility';
import { locationOwners, readableLocations } from '../locations/store';
import { sessionParty } from '../sessions/store';
import { commandBody, CommandType } from './schema';

const Params = z.object({ command: CommandType });
type Body = { response_url: string; location_id?: string; session_id?: string };

/**
 * Open routing: the CPO of the location (START_SESSION, RESERVE_NOW, UNLOCK_CONNECTOR) or of the session
 * (STOP_SESSION).
 */
async function ownerOf(ctx: Context, command: CommandType, body: Body): Promise<string> {
  let owners: string[];
  let what: string;
  if (body.session_id !== undefined && command === 'STOP_SESSION') {
    what = `session ${body.session_id}`;
    owners = await sessionParty(await visibleFilter(ctx, 'sessions'), body.session_id, 'owner');
  } else if (body.location_id !== undefined) {
    what = `location ${body.location_id}`;
    // only locations this eMSP may see: a hidden one is answered like an unknown one (no existence oracle)
    owners = await locationOwners(await readableLocations(ctx), body.location_id);
  } else {
    throw unknownReceiver(
      `the hub cannot tell which CPO a ${command} is for: name it with OCPI-to-country-code and OCPI-to-party-id`,
    );
  }
  if (owners.length === 0) throw unknownReceiver(`no CPO known to the hub holds ${what}: name it with OCPI-to-*`);
  if (owners.length > 1)
    throw invalidParameters(`${what} is held by several CPOs (${owners.join(', ')}): name one with OCPI-to-*`);
  return owners[0] as string;
}

export const commandsModule: ModuleDef = {
  identifier: 'commands',
  routes: {
    RECEIVER: [
      route({
        method: 'POST',
        path: '/:command',
        params: Params,
        bodyOf: (p) => commandBody[p.command],
        proxy: { response_url: 'body', timeout: true },
        handle: async (ctx) => ({
          relay: { to: (await directory()).findKey(await ownerOf(ctx, ctx.params.command, ctx.body as Body)) },
        }),
      }),
    ],
  },
};
