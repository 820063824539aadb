// What a module declares (its endpoint table) and what its handlers receive and return.
import type { Request } from 'express';
import type { z } from 'zod';
import type { PartyCaller } from '../parties/auth';
import type { RoleEntry } from '../parties/model';
import type { Audience } from '../policy/recipients';
import type { Iface, ModuleId } from '../policy/roles';
import type { Routing } from './routing';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Context<P = unknown, Q = unknown, B = unknown> {
  req: Request;
  caller: PartyCaller;
  routing: Routing;
  /** The caller's roles that may use this interface (after the authorize step). */
  acting: RoleEntry[];
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
  objectKey: string;
}

export interface Outcome {
  status?: number;
  data?: unknown;
  headers?: Record<string, string>;
  forward?: Forward;
}

export interface Route {
  method: Method;
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Roles that may call this route, where they differ from the interface's (e.g. the CDR copy GET). */
  callers?: readonly string[];
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
  handle: (ctx: Context<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Outcome>;
}): Route {
  return r as Route;
}

export interface ModuleDef {
  identifier: ModuleId;
  routes: Partial<Record<Iface, Route[]>>;
}
