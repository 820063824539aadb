// The HTTP headers the document describes once and every operation refers to: components.headers (what the hub
// answers with) and components.parameters (what a party sends: ids, OCPI routing headers, its signature).
import { z } from 'zod';
import { CountryCode, PartyId } from '../ocpi/types';

/** components.headers (response headers). */
export const responseHeaders: Record<string, { description: string; schema: z.ZodType; required?: boolean }> = {
  'X-Request-ID': {
    description: "The request's id, echoed (made by the hub when absent); new on every hop.",
    schema: z.string().min(1).max(100),
    required: true,
  },
  'X-Correlation-ID': {
    description: 'Kept end to end across hops, echoed (the request id when absent).',
    schema: z.string().min(1).max(100),
    required: true,
  },
  'OCPI-Hub-Signature': {
    description:
      'Compact JWS (EdDSA, detached payload over status, headers and body, JCS) for the calling party; verify with /.well-known/jwks.json. On every answer to an authenticated party.',
    schema: z.string().min(1),
    required: true,
  },
  'X-Total-Count': {
    description:
      'Objects this client may see after the date filters. On every page (status_code 1000), not on a routing failure.',
    schema: z.coerce.number().int().min(0),
  },
  'X-Limit': {
    description:
      "The hub's maximum page size (HUB_PAGE_LIMIT). On every page (status_code 1000), not on a routing failure.",
    schema: z.coerce.number().int().min(1),
  },
  Link: {
    description: '`<url>; rel="next"` unless this is the last page; the URL keeps the filters.',
    schema: z.string(),
  },
  Location: {
    description:
      "The URL of the hub's copy of the CDR (GET it on the cdrs Receiver). On every 1000 answer, not on a routing failure.",
    schema: z.url(),
  },
  'Retry-After': {
    description: 'Seconds until the rate limit window ends, or to wait before trying again.',
    schema: z.coerce.number().int().min(1),
    required: true,
  },
};

/** components.parameters (request headers). */
export const requestHeaders: Record<string, { name: string; description: string; schema: z.ZodType }> = {
  XRequestId: {
    name: 'X-Request-ID',
    description: 'Unique per request (a UUID is advised); made by the hub when absent.',
    schema: z.string().min(1).max(100),
  },
  XCorrelationId: {
    name: 'X-Correlation-ID',
    description: 'Kept across every hop of one exchange.',
    schema: z.string().min(1).max(100),
  },
  OcpiFromCountryCode: {
    name: 'OCPI-from-country-code',
    description: "The sending role (one of the caller's own); sent with OCPI-from-party-id.",
    schema: CountryCode,
  },
  OcpiFromPartyId: {
    name: 'OCPI-from-party-id',
    description: 'The sending role; sent with OCPI-from-country-code.',
    schema: PartyId,
  },
  OcpiToCountryCode: {
    name: 'OCPI-to-country-code',
    description:
      "The receiver: another party (direct: relayed, its answer returned unchanged) or the hub itself (NL*HUB by default: stored, broadcast or answered from the hub's store). Absent: open routing, the hub picks the receiver from the content.",
    schema: CountryCode,
  },
  OcpiToPartyId: {
    name: 'OCPI-to-party-id',
    description: 'The receiver; sent with OCPI-to-country-code.',
    schema: PartyId,
  },
  OcpiSignature: {
    name: 'OCPI-Signature',
    description:
      'Compact JWS (EdDSA, detached payload, aud = the hub) over the request: required from a platform that registered a signing key (PUT /admin/platforms/{id}/keys), else 403.',
    schema: z.string().min(1),
  },
};

export const ROUTING = ['OcpiFromCountryCode', 'OcpiFromPartyId', 'OcpiToCountryCode', 'OcpiToPartyId'];
