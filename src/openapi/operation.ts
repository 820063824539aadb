// What the document builder reads for each endpoint (zod schemas and names, no JSON Schema), and the OCPI
// pieces every endpoint shares: the envelope and the error answers of the conventions table (headers: headers.ts).
import { z } from 'zod';
import { Status } from '../ocpi/status';
import { DateTime } from '../ocpi/types';

export type Auth = 'party' | 'registration' | 'admin' | 'none';

/** One answer: a JSON body (or another media type), and the response headers (components.headers) it carries. */
export interface AnswerDoc {
  description: string;
  schema?: z.ZodType;
  media?: string;
  headers?: string[];
}

export interface Op {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI template: /ocpi/2.2.1/locations/receiver/{country_code}/... */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body may be left out. */
  bodyOptional?: boolean;
  /** Request header parameters (components.parameters) besides X-Request-ID, X-Correlation-ID and OCPI-Signature. */
  headers?: string[];
  /** By HTTP status: an answer, or the name of a shared answer in components.responses. */
  answers: Record<string, AnswerDoc | string>;
}

/** `/:country_code/:party_id` → `/{country_code}/{party_id}`, without a trailing slash. */
export const template = (base: string, path: string) =>
  `${base}${path.replace(/:([A-Za-z_]+)/g, '{$1}')}`.replace(/\/$/, '');

/** The OCPI response envelope (transport_and_format), with `data` typed where the endpoint's data is known. */
export function envelopeSchema(data?: z.ZodType, codes?: readonly [number, ...number[]]) {
  return z.looseObject({
    ...(data ? { data } : {}),
    status_code: codes ? z.literal(codes) : z.number().int(),
    status_message: z.string().optional(),
    timestamp: DateTime,
  });
}

const S = Status;

/** Named envelopes (components.schemas): a success without data, and a routing failure the hub originates. */
export const OcpiSuccess = envelopeSchema(undefined, [S.SUCCESS]);
export const OcpiRoutingFailure = envelopeSchema(undefined, [
  S.HUB_ERROR,
  S.UNKNOWN_RECEIVER,
  S.FORWARD_TIMEOUT,
  S.CONNECTION_PROBLEM,
]);
export const ocpiEnvelopes = { OcpiSuccess, OcpiRoutingFailure };

const ocpiError = (codes: [number, ...number[]], description: string, headers: string[] = []): AnswerDoc => ({
  description,
  schema: envelopeSchema(undefined, codes),
  headers: ['X-Request-ID', 'X-Correlation-ID', ...headers],
});

/** components.responses: the failures the hub answers (2.2.1 status_codes), HTTP status with OCPI status_code. */
export const ocpiErrors = {
  OcpiBadRequest: ocpiError(
    [S.CLIENT_ERROR, S.INVALID_PARAMETERS, S.NOT_ENOUGH_INFORMATION],
    '2000: invalid JSON or an unreadable request; 2001: a field, parameter or routing header is invalid (the message names it), the body id differs from the URL id, or a PATCH lacks last_updated; 2002: not enough information.',
  ),
  OcpiUnauthorized: ocpiError(
    [S.CLIENT_ERROR],
    '2000: the Authorization header is missing or the token unknown, or Token A was used outside versions and credentials. Not signed.',
  ),
  OcpiForbidden: ocpiError(
    [S.CLIENT_ERROR],
    '2000: authenticated but not allowed: role, namespace, roaming agreement, platform suspended by the operator, or a missing or bad OCPI-Signature.',
  ),
  OcpiNotFound: ocpiError(
    [S.CLIENT_ERROR, S.UNKNOWN_LOCATION, S.UNKNOWN_TOKEN],
    'Unknown object or endpoint: 2000, 2003 for a location (and its EVSEs and connectors), 2004 for a token.',
  ),
  OcpiMethodNotAllowed: ocpiError(
    [S.CLIENT_ERROR],
    '2000: credentials POST while registered, or PUT or DELETE while not registered.',
  ),
  OcpiPayloadTooLarge: ocpiError([S.CLIENT_ERROR], '2000: the body is larger than the hub accepts (HUB_BODY_LIMIT).'),
  OcpiTooManyRequests: ocpiError(
    [S.CLIENT_ERROR],
    "2000: the platform's rate limit (HUB_RATE_LIMIT_PER_MINUTE, counted across replicas) is spent, or the calling address sent too many unknown tokens this minute (HUB_AUTH_FAILURES_PER_MINUTE).",
    ['Retry-After'],
  ),
  OcpiServerError: ocpiError([S.SERVER_ERROR], '3000: an unexpected error in the hub (no stack trace in the body).'),
  OcpiServiceUnavailable: ocpiError(
    [S.SERVER_ERROR],
    '3000: the hub sheds load while its audit log cannot be written (database away, backlog at HUB_AUDIT_BUFFER_MAX).',
    ['Retry-After'],
  ),
} satisfies Record<string, AnswerDoc>;

/** The 400 of registration: the party's side could not be used. */
export const registrationFailed = ocpiError(
  [S.CLIENT_ERROR, S.INVALID_PARAMETERS, S.UNABLE_TO_USE_CLIENT_API, S.UNSUPPORTED_VERSION, S.NO_MATCHING_ENDPOINTS],
  "2000/2001: unreadable or invalid credentials; 3001: the party's versions or details could not be used (unreachable, not OCPI, an error); 3002: no common version; 3003: no credentials endpoint in its details.",
);

/** The answers every OCPI endpoint of an authenticated party may give besides its own. */
export function ocpiFailures(op: {
  body?: unknown;
  notFound?: boolean;
  methodNotAllowed?: boolean;
}): Record<string, string> {
  return {
    400: 'OcpiBadRequest',
    401: 'OcpiUnauthorized',
    403: 'OcpiForbidden',
    ...(op.notFound ? { 404: 'OcpiNotFound' } : {}),
    ...(op.methodNotAllowed ? { 405: 'OcpiMethodNotAllowed' } : {}),
    ...(op.body ? { 413: 'OcpiPayloadTooLarge' } : {}),
    429: 'OcpiTooManyRequests',
    500: 'OcpiServerError',
    503: 'OcpiServiceUnavailable',
  };
}
