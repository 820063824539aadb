// The document's prose: what a partner's developer reads first (routing, status codes, tokens, signing), the
// tags and the two authentication schemes.
export const INTRODUCTION = `An OCPI 2.2.1 roaming hub. Parties (CPOs, eMSPs, NSPs, others) register through credentials and then
call the hub's Sender and Receiver interfaces of each module; the operator runs the hub through the admin API.

**Routing** (\`OCPI-to-*\`): the hub itself (\`to\` = the hub): pushes are stored and broadcast to the parties
that may see them, GETs answered from the hub's store, merged over every owner the caller may see;
another party (direct): relayed, and its answer returned unchanged; absent (open): the hub picks the
receiver from the content (the token's or session's owner). \`OCPI-from-*\` must name one of the
caller's own roles. versions, credentials and hubclientinfo are never routed.

**Status codes**: every answer under /ocpi is an envelope \`{data?, status_code, status_message?, timestamp}\`.

| situation | HTTP | status_code |
|---|---|---|
| stored (new / updated), read, relayed | 201 / 200 / 200 | 1000 |
| missing or unknown token; Token A outside versions and credentials | 401 | 2000 |
| invalid JSON | 400 | 2000 |
| a field, parameter or routing header invalid | 400 | 2001 |
| not enough information | 400 | 2002 |
| not allowed (role, namespace, agreement, suspended, OCPI-Signature) | 403 | 2000 |
| unknown object | 404 | 2000, 2003 (location), 2004 (token) |
| credentials call in the wrong state | 405 | 2000 |
| body too large | 413 | 2000 |
| rate limit, or too many unknown tokens from one address (with Retry-After) | 429 | 2000 |
| routing failure: hub error, unknown receiver, timeout, receiver not connected | 200 | 4000, 4001, 4002, 4003 |
| registration: the party's API unusable, no common version, no credentials endpoint | 400 | 3001, 3002, 3003 |
| unexpected error in the hub | 500 | 3000 |
| the hub sheds load: its audit log cannot be written (with Retry-After) | 503 | 3000 |
| a receiver's answer to a relayed request | the receiver's | the receiver's |

**Tokens**: \`Authorization: Token <base64 of the token>\` (the raw token, as 2.1.1 parties send it, is accepted
too). Token A, handed over by the operator, opens versions and credentials only; Token C everything.

**Signing and encryption** (keys at /.well-known/jwks.json): every answer to a party carries
\`OCPI-Hub-Signature\`, a compact JWS with detached payload; a platform that registered a signing key must send
\`OCPI-Signature\` on every request. A platform that registered an encryption key gets every answer as a compact
JWE (\`Content-Type: application/jose\`) of the JSON shown here, and may send its requests the same way.

**Values**: an optional field or list may be sent as \`null\` (read as omitted, as the spec's terminology allows;
the schemas here show the form the hub sends: omitted); in a PATCH a top-level \`null\` clears the field. A
DateTime may end in \`Z\`, \`+00:00\` or nothing (all UTC) with any fractional seconds; the hub writes \`Z\`.
Country codes and party ids compare case-insensitively.

**Pagination** (GET-All): \`date_from\` inclusive, \`date_to\` exclusive, \`offset\`, \`limit\` (at most X-Limit);
X-Total-Count, X-Limit, and \`Link: <url>; rel="next"\` unless on the last page.

**Admin API** (/admin): \`Authorization: Bearer $HUB_ADMIN_TOKEN\`, plain JSON, errors \`{"error", "details"?}\`.`;

const ocpiModule = (name: string, what: string) => ({ name, description: `OCPI 2.2.1 ${name}: ${what}` });

export const TAGS = [
  { name: 'versions', description: 'The versions the hub speaks and its 2.2.1 endpoints (Token A or C).' },
  { name: 'credentials', description: 'Registration: Token A → Token B → Token C.' },
  { name: 'hubclientinfo', description: "The parties connected to the hub (the hub's Sender)." },
  ocpiModule('locations', 'CPOs push locations, EVSEs and connectors (Receiver); others read them (Sender).'),
  ocpiModule(
    'sessions',
    'CPOs push sessions, sent to their eMSP (Receiver); GET-All and charging preferences (Sender).',
  ),
  ocpiModule('cdrs', 'CPOs post CDRs, sent to their eMSP (Receiver); GET-All (Sender).'),
  ocpiModule('tariffs', 'CPOs push tariffs (Receiver); others read them (Sender).'),
  ocpiModule('tokens', 'eMSPs push tokens (Receiver); CPOs read them and ask for real-time authorization (Sender).'),
  ocpiModule('commands', 'eMSPs send commands to CPOs (Receiver), results come back through a proxy response_url.'),
  ocpiModule(
    'chargingprofiles',
    'eMSPs set charging profiles at CPOs (Receiver); CPOs report active profiles (Sender).',
  ),
  {
    name: 'proxy',
    description: 'Hub URLs that stand for a URL at another party: relayed pages, CDR locations, response_urls.',
  },
  { name: 'operations', description: 'Keys, health, metrics and this document: no authentication.' },
  ...['platforms', 'keys', 'agreements', 'tokens', 'audit', 'outbox', 'traffic'].map((name) => ({
    name: `admin ${name}`,
    description: `The operator API: ${name}.`,
  })),
];

export const SECURITY_SCHEMES = {
  OcpiToken: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      'OCPI 2.2.1 Token scheme: `Token <base64 of the token>` (the raw token is accepted too). Token A for versions and credentials before registration; Token C for everything after.',
  },
  AdminBearer: { type: 'http', scheme: 'bearer', description: 'HUB_ADMIN_TOKEN.' },
};
