// The one error type of the hub: an HTTP status and an OCPI status_code, built by the factories below
// so every refusal follows one table of HTTP status and OCPI status_code (2.2.1 status_codes, transport_and_format).
import { Status } from './status';

export class OcpiError extends Error {
  constructor(
    readonly http: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'OcpiError';
  }
}

export const unreadableRequest = (message: string) => new OcpiError(400, Status.CLIENT_ERROR, message);
export const invalidParameters = (message: string) => new OcpiError(400, Status.INVALID_PARAMETERS, message);
export const notEnoughInformation = (message: string) => new OcpiError(400, Status.NOT_ENOUGH_INFORMATION, message);
export const unauthenticated = (message: string) => new OcpiError(401, Status.CLIENT_ERROR, message);
export const forbidden = (message: string) => new OcpiError(403, Status.CLIENT_ERROR, message);
export const notFound = (message: string, code: number = Status.CLIENT_ERROR) => new OcpiError(404, code, message);
export const methodNotAllowed = (message: string) => new OcpiError(405, Status.CLIENT_ERROR, message);
export const payloadTooLarge = (message: string) => new OcpiError(413, Status.CLIENT_ERROR, message);
export const rateLimited = (retryAfterSeconds: number) =>
  new OcpiError(429, Status.CLIENT_ERROR, `rate limit exceeded, retry after ${retryAfterSeconds} s`, {
    'Retry-After': String(retryAfterSeconds),
  });
/** The hub sheds load (its audit backlog is full while the database is away): retry later. */
export const overloaded = (retryAfterSeconds: number) =>
  new OcpiError(503, Status.SERVER_ERROR, `the hub is overloaded, retry after ${retryAfterSeconds} s`, {
    'Retry-After': String(retryAfterSeconds),
  });
export const serverError = (message = 'unexpected error in the hub') =>
  new OcpiError(500, Status.SERVER_ERROR, message);

// Registration (credentials) failures: the request was understood, the party's side is unusable.
export const unusableClientApi = (message: string) => new OcpiError(400, Status.UNABLE_TO_USE_CLIENT_API, message);
export const unsupportedVersion = (message: string) => new OcpiError(400, Status.UNSUPPORTED_VERSION, message);
export const noMatchingEndpoints = (message: string) => new OcpiError(400, Status.NO_MATCHING_ENDPOINTS, message);

// Routing failures the hub originates: HTTP 200, the outcome is in status_code (as OCN does).
export const hubError = (message: string) => new OcpiError(200, Status.HUB_ERROR, message);
export const unknownReceiver = (message: string) => new OcpiError(200, Status.UNKNOWN_RECEIVER, message);
export const forwardTimeout = (message: string) => new OcpiError(200, Status.FORWARD_TIMEOUT, message);
export const connectionProblem = (message: string) => new OcpiError(200, Status.CONNECTION_PROBLEM, message);
