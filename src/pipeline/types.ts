// What a module declares (its endpoint table) and what its handlers receive and return.
import type { Request } from 'express';
import type { z } from 'zod';
import type { PartyRef } from '../ocpi/routing';
import type { PartyCaller } from '../parties/auth';
import type { RoleEntry } from '../parties/model';
import type { Audience } from '../policy/recipients';
import type { Iface, ModuleId } from '../policy/roles';
import type { Relayed } from './relay';
import type { Routing } from './routing';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Context<P = unknown, Q = unknown, B = unknown> {
  req: Request;
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
export interface Forward {
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
  /** Within the object, what the call covers ('' the whole object, '/{evse_uid}' one EVSE...): a PUT supersedes queued calls at or below it. */
  scope?: string;
}

export interface Outcome {
  status?: number;
  data?: unknown;
  headers?: Record<string, string>;
  forward?: Forward;
  /** A party's answer to a relayed request, returned as it came (HTTP status, envelope, paging headers). */
  relayed?: Relayed;
}

export interface Route {
  method: Method;
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Roles that may call this route, where they differ from the interface's (e.g. the CDR copy GET). */
  callers?: readonly string[];
  /** The handler routes direct requests itself (it must rewrite response_url first). */
  selfRouted?: boolean;
  /**
   * Whose namespace the request writes or reads on the hub's Receiver: by default the path's
   * {country_code}/{party_id}; a function for a namespace in the body (CDR POST); false for none.
   */
  namespace?: false | ((input: { params: any; body: any }) => PartyRef); // eslint-disable-line @typescript-eslint/no-explicit-any
  // Erased here; route() below checks the handler against its own schemas.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handle: (ctx: Context<any, any, any>) => Promise<Outcome>;
}

/** A route whose handler sees the types its schemas infer. */
export function route<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(r: {
  method: Method;
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  callers?: readonly string[];
  selfRouted?: boolean;
  namespace?: false | ((input: { params: z.infer<P>; body: z.infer<B> }) => PartyRef);
  handle: (ctx: Context<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Outcome>;
}): Route {
  return r as Route;
}

export interface ModuleDef {
  identifier: ModuleId;
  routes: Partial<Record<Iface, Route[]>>;
}
