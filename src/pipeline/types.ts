// What a module declares (its endpoint table), what its handlers receive and the decision they return; route() only
// types a handler.
import type { z } from 'zod';
import type { PartyRef } from '../ocpi/routing';
import type { PartyCaller } from '../parties/auth';
import type { RoleEntry } from '../parties/model';
import type { Audience } from '../policy/recipients';
import type { Iface, ModuleId } from '../policy/roles';
import type { ObjectStore } from '../db/objects';
import type { PartyEntry } from '../parties/directory';
import type { Filter } from '../policy/visibility';
import type { Routing } from './routing';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The request as received, below the pipeline: no express `req` travels further down. */
export interface Call {
  method: Method;
  /** Below the interface URL, query included, as received: what a relay appends to the target's endpoint. */
  url: string;
  /** The whole path and query as received (paging links are built on it). */
  href: string;
  correlationId: string;
}

export interface Context<P = unknown, Q = unknown, B = unknown> {
  call: Call;
  caller: PartyCaller;
  routing: Routing;
  /** The caller's roles that may use this interface (after the authorize step). */
  acting: RoleEntry[];
  /** The caller's role that owns the namespace written to, when the route has one. */
  owner?: RoleEntry;
  params: P;
  query: Q;
  body: B;
}

/** What the hub should push on after storing: the same call, to the recipients policy picks. */
export interface Push {
  audience: Audience;
  method: Exclude<Method, 'GET'>;
  /** Appended to each recipient's Receiver endpoint URL: `/{cc}/{pid}/{id}...` and any query. */
  subpath: string;
  body?: unknown;
  /** A body per recipient (`CC*PID`), where recipients may not all see the same (publish_allowed_to). */
  bodyFor?: (party: string) => unknown;
  objectKey: string;
  /** The object's revision after this change: deliveries of one object reach each receiver in this order. */
  seq: number;
  /**
   * Within the object, what the call covers ('' the whole object, '/{evse_uid}' one EVSE...): a PUT supersedes queued
   * calls at or below it.
   */
  scope?: string;
}

/** A party's answer to a relayed request, returned as it came (HTTP status, envelope, paging headers). */
export interface Relayed {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Answer the caller with this object (after storing it, `push` goes on to its recipients). */
export interface Answer {
  status?: number;
  data?: unknown;
  headers?: Record<string, string>;
  push?: Push;
}

/** Answer one page of the module's stored objects visible to the caller, narrowed and presented by the module. */
export interface PageDecision {
  store: ObjectStore;
  narrow?: Filter;
  present?: (o: Record<string, unknown>) => unknown;
}

/** Relay the request to one of these parties' entries (the party's roles), with an optional rewritten path or body. */
export interface RelayDecision {
  to: PartyEntry[];
  path?: string;
  body?: unknown;
  /** Ask each of `to` (one party each), answer with the first answer `accepted` takes, else `otherwise`. */
  firstOf?: { accepted: (r: Relayed) => boolean; refusal: (r: Relayed) => boolean; otherwise: Error };
}

/** What a route's handler decides; only pipeline/ acts on it (relay, proxy URLs, paging, fan-out). */
export type Decision = Answer | { page: PageDecision } | { relay: RelayDecision };

/** Where a relayed request carries a response_url the target must call back: replaced by a hub proxy. */
export interface ProxySpec {
  response_url: 'body' | 'query';
  /** An ACCEPTED answer's `timeout` (seconds) arms the proxy's timeout (2.2.1 commands: CommandResponse). */
  timeout?: boolean;
}

export interface Route {
  method: Method;
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Roles that may call this route, where they differ from the interface's (e.g. the CDR copy GET). */
  callers?: readonly string[];
  /** The body schema where it depends on the path (a command's body by its type). */
  bodyOf?: (params: any) => z.ZodType; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A response_url to replace by a hub proxy before any relay of this route. */
  proxy?: ProxySpec;
  /**
   * Whose namespace the request writes or reads on the hub's Receiver: by default the path's
   * {country_code}/{party_id}; a function for a namespace in the body (CDR POST); false for none.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  namespace?: false | ((input: { params: any; body: any }) => PartyRef);
  // Erased here; route() below checks the handler against its own schemas.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handle: (ctx: Context<any, any, any>) => Promise<Decision>;
}

/** A route whose handler sees the types its schemas infer. */
export function route<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(r: {
  method: Method;
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  callers?: readonly string[];
  bodyOf?: (params: z.infer<P>) => z.ZodType;
  proxy?: ProxySpec;
  namespace?: false | ((input: { params: z.infer<P>; body: z.infer<B> }) => PartyRef);
  handle: (ctx: Context<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Decision>;
}): Route {
  return r as Route;
}

export interface ModuleDef {
  identifier: ModuleId;
  routes: Partial<Record<Iface, Route[]>>;
}
