// The hub's OCPI endpoints outside the module tables: versions, credentials, hubclientinfo and proxy URLs. Their
// routers are plain express, so this table describes them (the endpoints that are not OCPI: service.ts).
import { z } from 'zod';
import {
  ActiveChargingProfileResult,
  ChargingProfileResult,
  ClearProfileResult,
} from '../modules/chargingprofiles/schema';
import { CommandResult } from '../modules/commands/schema';
import { interfaces as credentialsInterfaces } from '../modules/credentials/routes';
import { Credentials } from '../modules/credentials/schema';
import { interfaces as hubclientinfoInterfaces } from '../modules/hubclientinfo/routes';
import { ClientInfo } from '../modules/hubclientinfo/schema';
import { DETAILS_PATH, VERSIONS_PATH } from '../modules/versions/routes';
import { VersionDetails, VersionList } from '../modules/versions/schema';
import { PageQuery } from '../ocpi/pagination';
import { Status } from '../ocpi/status';
import { PROXY_PATH } from '../proxy/store';
import { envelopeSchema, ocpiFailures, OcpiSuccess, registrationFailed, type AnswerDoc, type Op } from './operation';

const IDS = ['X-Request-ID', 'X-Correlation-ID'];
const SIGNED = [...IDS, 'OCPI-Hub-Signature'];
const ok = (description: string, data?: z.ZodType, headers = SIGNED): AnswerDoc => ({
  description,
  schema: data ? envelopeSchema(data, [Status.SUCCESS]) : OcpiSuccess,
  headers,
});
// Where the modules mount them (their ServedInterface entries), so the document follows any move.
const CREDENTIALS = credentialsInterfaces[0]?.path ?? `${DETAILS_PATH}/credentials`;
const HUBCLIENTINFO = hubclientinfoInterfaces[0]?.path ?? `${DETAILS_PATH}/hubclientinfo`;
const ProxyId = z.object({ id: z.string().min(1) });

export const hubOperations: Op[] = [
  {
    method: 'GET',
    path: VERSIONS_PATH,
    tag: 'versions',
    summary: 'The OCPI versions the hub speaks (2.2.1)',
    description: 'Token A or Token C.',
    auth: 'registration',
    answers: { 200: ok('1000 with the version list.', VersionList), ...ocpiFailures({}) },
  },
  {
    method: 'GET',
    path: DETAILS_PATH,
    tag: 'versions',
    summary: "The hub's 2.2.1 endpoints, one per module and interface",
    description: 'Token A or Token C.',
    auth: 'registration',
    answers: { 200: ok('1000 with the version details.', VersionDetails), ...ocpiFailures({}) },
  },
  {
    method: 'GET',
    path: CREDENTIALS,
    tag: 'credentials',
    summary: "The hub's credentials",
    description:
      "With Token A: the hub's credentials carrying Token A; once registered: carrying the Token C the party must use. One role, HUB.",
    auth: 'registration',
    answers: { 200: ok("1000 with the hub's credentials.", Credentials), ...ocpiFailures({}) },
  },
  {
    method: 'POST',
    path: CREDENTIALS,
    tag: 'credentials',
    summary: 'Register (with Token A)',
    description:
      "The party sends its Token B, versions URL and roles (exactly those the operator declared, else 403). The hub fetches the party's versions and details with Token B, stores its endpoints and answers its own credentials with Token C; Token A then dies. A failed POST does not use Token A up.",
    auth: 'registration',
    body: Credentials,
    answers: {
      200: ok("1000 with the hub's credentials and the new Token C.", Credentials),
      ...ocpiFailures({ body: true, methodNotAllowed: true }),
      400: registrationFailed,
    },
  },
  {
    method: 'PUT',
    path: CREDENTIALS,
    tag: 'credentials',
    summary: 'Update the registration (with Token C)',
    description: "The hub re-fetches the party's versions and endpoints and issues a new Token C.",
    auth: 'registration',
    body: Credentials,
    answers: {
      200: ok("1000 with the hub's credentials and the new Token C.", Credentials),
      ...ocpiFailures({ body: true, methodNotAllowed: true }),
      400: registrationFailed,
    },
  },
  {
    method: 'DELETE',
    path: CREDENTIALS,
    tag: 'credentials',
    summary: 'Unregister (with Token C): access ends both ways',
    auth: 'registration',
    answers: { 200: ok('1000, no data.'), ...ocpiFailures({ methodNotAllowed: true }) },
  },
  {
    method: 'GET',
    path: HUBCLIENTINFO,
    tag: 'hubclientinfo',
    summary: 'The parties connected to the hub and their status',
    description:
      "Only the parties the caller may trade with (roaming agreements) and its own roles; oldest status change first. On every change the hub also PUTs the ClientInfo to each connected party's hubclientinfo Receiver.",
    auth: 'party',
    query: PageQuery,
    answers: {
      200: ok('1000 with a page of ClientInfo.', z.array(ClientInfo), [...SIGNED, 'X-Total-Count', 'X-Limit', 'Link']),
      ...ocpiFailures({}),
    },
  },
  {
    method: 'GET',
    path: `${PROXY_PATH}/{id}`,
    tag: 'proxy',
    summary: "Follow a hub proxy URL (a relayed page's Link, a relayed CDR's Location)",
    description:
      "The hub calls the URL it stands for with that party's token and returns its answer unchanged. Only the party the URL was issued to may use it; any other gets 404. 4003 (HTTP 200) when the party behind it is no longer connected.",
    auth: 'party',
    params: ProxyId,
    answers: {
      200: {
        description: "The other party's answer, or 4003 when it is no longer connected.",
        schema: envelopeSchema(z.unknown().optional()),
        headers: SIGNED,
      },
      ...ocpiFailures({ notFound: true }),
    },
  },
  {
    method: 'POST',
    path: `${PROXY_PATH}/{id}`,
    tag: 'proxy',
    summary: 'Post an asynchronous result to a hub response_url',
    description:
      'The response_url the hub gave in a command or charging profile request: the result (CommandResult, ActiveChargingProfileResult, ChargingProfileResult or ClearProfileResult) is checked and passed on to the party that asked; the URL then expires.',
    auth: 'party',
    params: ProxyId,
    body: z.union([CommandResult, ActiveChargingProfileResult, ChargingProfileResult, ClearProfileResult]),
    answers: {
      200: {
        description: "The asking party's answer, or 4003 when it is no longer connected.",
        schema: envelopeSchema(z.unknown().optional()),
        headers: SIGNED,
      },
      ...ocpiFailures({ body: true, notFound: true }),
    },
  },
];
