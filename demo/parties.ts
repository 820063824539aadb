// The two simulated backends: a CPO (NL*CPO) that owns a charger, and an eMSP (DE*MSP) whose driver charges there.
import * as o from './objects';
import { Party, type Listed, type Received } from './party';

const list = (senders: string[], receivers: string[]): Listed[] => [
  ...senders.map((identifier) => ({ identifier, role: 'SENDER' as const })),
  ...receivers.map((identifier) => ({ identifier, role: 'RECEIVER' as const })),
];
const V = '/ocpi/2.2.1';

/** Receives tokens and commands; pushes locations, tariffs, sessions and CDRs; asks for real-time authorization. */
export class SimulatedCpo extends Party {
  constructor() {
    super({ ...o.CPO }, list(['locations', 'sessions', 'cdrs', 'tariffs'], ['tokens', 'commands', 'hubclientinfo']));
  }

  protected answer(r: Received): unknown {
    // 2.2.1 commands: the synchronous answer only says the charger got the command; the outcome follows at
    // response_url.
    if (r.method === 'POST' && r.path.includes('/commands/receiver/START_SESSION'))
      return { result: 'ACCEPTED', timeout: 30 };
    if (r.method === 'GET') return []; // a GET-All of what this CPO sends: nothing beyond what it pushed
    return undefined;
  }

  private own = (module: string, id: string) => `${V}/${module}/receiver/${o.CPO.country_code}/${o.CPO.party_id}/${id}`;

  pushLocation = () => this.ocpi('PUT', this.own('locations', o.LOCATION_ID), o.aLocation());
  pushTariff = () => this.ocpi('PUT', this.own('tariffs', o.TARIFF_ID), o.aTariff());
  authorize = () =>
    this.ocpi('POST', `${V}/tokens/sender/${o.TOKEN_UID}/authorize?type=RFID`, {
      location_id: o.LOCATION_ID,
      evse_uids: [o.EVSE_UID],
    });
  /** The START_SESSION command this CPO received (with the response_url the hub gave it). */
  startCommand = () => this.waitFor('POST', '/commands/receiver/START_SESSION', 1000);
  sendResult = (responseUrl: string) => this.ocpi('POST', responseUrl, { result: 'ACCEPTED' });
  startSession = () => this.ocpi('PUT', this.own('sessions', o.SESSION_ID), o.aSession());
  updateSession = (kwh: number) => this.ocpi('PATCH', this.own('sessions', o.SESSION_ID), o.aSessionProgress(kwh));
  sendCdr = (kwh: number) => this.ocpi('POST', `${V}/cdrs/receiver`, o.aCdr(kwh));
}

/**
 * Receives locations, tariffs, sessions, CDRs and command results; pushes tokens, sends commands, authorizes its
 * drivers.
 */
export class SimulatedEmsp extends Party {
  constructor() {
    super({ ...o.EMSP }, list(['tokens', 'commands'], ['locations', 'sessions', 'cdrs', 'tariffs', 'hubclientinfo']));
  }

  protected answer(r: Received): unknown {
    if (r.method === 'POST' && r.path.includes(`/tokens/sender/${o.TOKEN_UID}/authorize`)) return o.anAuthorization();
    if (r.method === 'GET') return [];
    return undefined;
  }

  pushToken = () =>
    this.ocpi(
      'PUT',
      `${V}/tokens/receiver/${o.EMSP.country_code}/${o.EMSP.party_id}/${o.TOKEN_UID}?type=RFID`,
      o.aToken(),
    );
  /** Open routing: no OCPI-to-* headers, the hub finds the CPO by the location. */
  startSession = (commandId: string) =>
    this.ocpi('POST', `${V}/commands/receiver/START_SESSION`, o.aStartSession(this.responseUrl(commandId)));
  responseUrl = (commandId: string) => `${this.url}${V}/commands/sender/START_SESSION/${commandId}`;
}
