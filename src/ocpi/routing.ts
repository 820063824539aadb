// The routing headers of 2.2.1 (transport_and_format: OCPI-from-* and OCPI-to-*), read and checked.
import { config } from '../config';
import { invalidParameters } from './errors';

export interface PartyRef {
  country_code: string;
  party_id: string;
}
export interface RoutingHeaders {
  from?: PartyRef;
  to?: PartyRef;
}

const CC = /^[A-Za-z]{2}$/;
const PID = /^[A-Za-z0-9]{1,3}$/;

function pair(headers: Record<string, string | string[] | undefined>, side: 'from' | 'to'): PartyRef | undefined {
  const cc = headers[`ocpi-${side}-country-code`];
  const pid = headers[`ocpi-${side}-party-id`];
  if (cc === undefined && pid === undefined) return undefined;
  if (typeof cc !== 'string' || typeof pid !== 'string') {
    throw invalidParameters(`OCPI-${side}-country-code and OCPI-${side}-party-id must be sent together`);
  }
  if (!CC.test(cc)) throw invalidParameters(`OCPI-${side}-country-code must be 2 letters, got "${cc}"`);
  if (!PID.test(pid)) throw invalidParameters(`OCPI-${side}-party-id must be 1 to 3 letters or digits, got "${pid}"`);
  return { country_code: cc.toUpperCase(), party_id: pid.toUpperCase() };
}

export function readRoutingHeaders(headers: Record<string, string | string[] | undefined>): RoutingHeaders {
  return { from: pair(headers, 'from'), to: pair(headers, 'to') };
}

/** CiString identity of a party: `NL*CPA`, upper-case (country_code and party_id compare case-insensitively). */
export const partyKey = (p: PartyRef) => `${p.country_code.toUpperCase()}*${p.party_id.toUpperCase()}`;
export const sameParty = (a: PartyRef, b: PartyRef) => partyKey(a) === partyKey(b);

export const routingHeaders = (from: PartyRef, to: PartyRef): Record<string, string> => ({
  'OCPI-from-country-code': from.country_code,
  'OCPI-from-party-id': from.party_id,
  'OCPI-to-country-code': to.country_code,
  'OCPI-to-party-id': to.party_id,
});

/** The hub's own party, defined once: its routing headers, its credentials role, the audience of signatures to it. */
export const HUB: PartyRef = { country_code: config.countryCode, party_id: config.partyId };
