// The hub's HTTP server: its requests and responses are born with the prototypes express gives them. Express sets
// every req's and res's prototype per request (Object.setPrototypeOf in app.handle), and V8 then kept each request's
// objects alive through two young-generation collections and promoted them: a steady stream of garbage only a full
// collection freed (measured at 200 relays/s: 650 KB promoted per scavenge, a full collection every 5 s). Born with
// the right prototype, express's call finds nothing to change.
import http, { type Server } from 'node:http';
import type { Express } from 'express';

export function serverFor(app: Express): Server {
  class Request extends http.IncomingMessage {}
  class Response extends http.ServerResponse {}
  // express's prototypes (and the app's own, which carry `app`) stay in the chain, below the classes' own
  Object.setPrototypeOf(Request.prototype, app.request);
  Object.setPrototypeOf(Response.prototype, app.response);
  app.request = Request.prototype as unknown as Express['request'];
  app.response = Response.prototype as unknown as Express['response'];
  return http.createServer({ IncomingMessage: Request, ServerResponse: Response }, app);
}
