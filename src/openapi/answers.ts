// What each route of the functional modules answers: the endpoint tables say what a route accepts, not what
// its `data` holds. The generator refuses a route missing here, and an entry matching no route.
import { z } from 'zod';
import { Cdr } from '../modules/cdrs/schema';
import { ChargingProfileResponse } from '../modules/chargingprofiles/schema';
import { commandBody, CommandResponse } from '../modules/commands/schema';
import { Connector, Evse, Location } from '../modules/locations/schema';
import { ChargingPreferencesResponse, Session } from '../modules/sessions/schema';
import { Tariff } from '../modules/tariffs/schema';
import { AuthorizationInfo, Token } from '../modules/tokens/schema';
import type { ModuleId } from '../policy/roles';

export interface RouteAnswer {
  summary: string;
  description?: string;
  /** What `data` holds in a successful answer; none when absent. */
  data?: z.ZodType;
  /** A push that answers 201 when it created the object, 200 when it replaced it. */
  creates?: boolean;
  /** The body, where the handler parses it itself (commands: one schema per command). */
  body?: z.ZodType;
  /** Always relayed to one party the hub picks: the answer is that party's. */
  relayed?: boolean;
  /** Response headers of a success besides the hub's own. */
  headers?: string[];
}

const LOC = '/:country_code/:party_id/:location_id';
export const RELAYED =
  "Relayed to the one party the hub finds (or the one OCPI-to-* names); the HTTP status and envelope are that party's, passed back unchanged, unless the hub cannot route it (4000–4003 with HTTP 200).";
const PROXIED =
  'The response_url is replaced by a hub proxy URL, so the asynchronous result comes back through the hub.';

/** Keys: `{INTERFACE} {METHOD} {route path}`, as in the module's endpoint table. */
export const answers: Record<ModuleId, Record<string, RouteAnswer>> = {
  locations: {
    [`RECEIVER GET ${LOC}`]: { summary: "The hub's copy of one of the caller's locations", data: Location },
    [`RECEIVER GET ${LOC}/:evse_uid`]: { summary: "The hub's copy of one EVSE", data: Evse },
    [`RECEIVER GET ${LOC}/:evse_uid/:connector_id`]: { summary: "The hub's copy of one connector", data: Connector },
    [`RECEIVER PUT ${LOC}`]: {
      summary: 'Push a location: stored, then broadcast to the parties that may see it',
      creates: true,
    },
    [`RECEIVER PUT ${LOC}/:evse_uid`]: { summary: 'Push an EVSE into a stored location', creates: true },
    [`RECEIVER PUT ${LOC}/:evse_uid/:connector_id`]: { summary: 'Push a connector into a stored EVSE', creates: true },
    [`RECEIVER PATCH ${LOC}`]: { summary: 'Patch a location (last_updated required)' },
    [`RECEIVER PATCH ${LOC}/:evse_uid`]: { summary: 'Patch an EVSE (last_updated required)' },
    [`RECEIVER PATCH ${LOC}/:evse_uid/:connector_id`]: { summary: 'Patch a connector (last_updated required)' },
    'SENDER GET /': {
      summary: 'The locations the caller may see, from every CPO, oldest change first',
      data: z.array(Location),
    },
    'SENDER GET /:location_id': { summary: 'One location the caller may see', data: Location },
    'SENDER GET /:location_id/:evse_uid': { summary: 'One EVSE of a location the caller may see', data: Evse },
    'SENDER GET /:location_id/:evse_uid/:connector_id': { summary: 'One connector', data: Connector },
  },
  sessions: {
    'RECEIVER GET /:country_code/:party_id/:session_id': {
      summary: "The hub's copy of one of the caller's sessions",
      data: Session,
    },
    'RECEIVER PUT /:country_code/:party_id/:session_id': {
      summary: 'Push a session: stored, then sent to its eMSP (cdr_token) only',
      creates: true,
    },
    'RECEIVER PATCH /:country_code/:party_id/:session_id': {
      summary: 'Patch a session; charging_periods are appended (last_updated required)',
    },
    'SENDER GET /': { summary: 'The sessions the caller may see, oldest change first', data: z.array(Session) },
    'SENDER PUT /:session_id/charging_preferences': {
      summary: "Set charging preferences: relayed to the session's CPO",
      data: ChargingPreferencesResponse,
      relayed: true,
    },
  },
  cdrs: {
    'RECEIVER POST /': {
      summary: 'Post a CDR: stored, then sent to its eMSP (cdr_token) only',
      description:
        "201 with a Location header to the hub's copy; the same CDR again is answered 200 with the same Location, a different one under the same id 400/2001 (CDRs cannot change: send a credit CDR).",
      creates: true,
      headers: ['Location'],
    },
    'RECEIVER GET /:country_code/:party_id/:cdr_id': {
      summary: "The hub's copy of a CDR (the URL of the POST's Location), for its CPO and its eMSP",
      data: Cdr,
    },
    'SENDER GET /': { summary: 'The CDRs the caller may see, oldest first', data: z.array(Cdr) },
  },
  tariffs: {
    'RECEIVER GET /:country_code/:party_id/:tariff_id': {
      summary: "The hub's copy of one of the caller's tariffs",
      data: Tariff,
    },
    'RECEIVER PUT /:country_code/:party_id/:tariff_id': {
      summary: 'Push a tariff: stored, then broadcast',
      creates: true,
    },
    'RECEIVER DELETE /:country_code/:party_id/:tariff_id': { summary: 'Delete a tariff: removed, then broadcast' },
    'SENDER GET /': { summary: 'The tariffs the caller may see, oldest change first', data: z.array(Tariff) },
  },
  tokens: {
    'RECEIVER GET /:country_code/:party_id/:token_uid': {
      summary: "The hub's copy of one of the caller's tokens",
      data: Token,
    },
    'RECEIVER PUT /:country_code/:party_id/:token_uid': {
      summary: 'Push a token: stored, then broadcast to CPOs',
      creates: true,
    },
    'RECEIVER PATCH /:country_code/:party_id/:token_uid': { summary: 'Patch a token (last_updated required)' },
    'SENDER GET /': { summary: 'The tokens the caller may see, oldest change first', data: z.array(Token) },
    'SENDER POST /:token_uid/authorize': {
      summary: 'Real-time authorization of a token',
      description:
        "Asked of the token's eMSP; a token the hub does not know is asked of every eMSP that may trade with the CPO, the first ALLOWED answer wins. No eMSP knows it: 404/2004.",
      data: AuthorizationInfo,
      relayed: true,
    },
  },
  commands: {
    'RECEIVER POST /:command': {
      summary: 'Send a command to a CPO: the CPO of the location or session, or the one OCPI-to-* names',
      description: `${PROXIED} The body is the command's: CancelReservation, ReserveNow, StartSession, StopSession or UnlockConnector.`,
      body: z.union(Object.values(commandBody)),
      data: CommandResponse,
      relayed: true,
    },
  },
  chargingprofiles: {
    'RECEIVER GET /:session_id': {
      summary: "Ask the session's CPO for the active charging profile",
      description: PROXIED,
      data: ChargingProfileResponse,
      relayed: true,
    },
    'RECEIVER PUT /:session_id': {
      summary: "Set a charging profile at the session's CPO",
      description: PROXIED,
      data: ChargingProfileResponse,
      relayed: true,
    },
    'RECEIVER DELETE /:session_id': {
      summary: "Clear the charging profile at the session's CPO",
      description: PROXIED,
      data: ChargingProfileResponse,
      relayed: true,
    },
    'SENDER PUT /:session_id': {
      summary: "A CPO updates the active charging profile: relayed to the session's eMSP",
      relayed: true,
    },
  },
};
