// The version boundary for callers on the hub's own 2.2.1/2.3.0 interfaces (2.1.1 callers have their own URLs,
// inbound.ts): a 2.3.0 body read into the internal form and validated with its OpenEnums open; an answer's data
// written in the caller's version (a 2.2.1 caller gets what a 2.3.0 sender added taken out, counted).
import type { z } from 'zod';
import { fromInternal, toInternal } from '../convert';
import { withOpenEnums } from '../ocpi/open-enum';
import { withoutNulls } from '../ocpi/nulls';
import { parseOcpi } from '../ocpi/validate';
import type { Platform } from '../parties/model';
import { countLoss } from './losses';
import { kindOf, versionOf } from './outbound';

/** What the boundary needs of a request (below its interface URL): never the express request itself. */
export interface Asked {
  method: string;
  path: string;
  correlationId: string;
}

/** The request body in the internal form: only a 2.3.0 caller's needs converting here. */
export async function bodyIn(platform: Platform, module: string, req: Asked, sent: unknown): Promise<unknown> {
  if (versionOf(platform) !== '2.3.0' || sent === undefined) return sent;
  // null is read as omitted before converting, except in a PATCH, where it clears a field (ocpi/nulls.ts)
  const body = req.method === 'PATCH' ? sent : withoutNulls(sent);
  const out = toInternal('2.3.0', module, kindOf(module, req.path), body);
  await countLoss({
    platform: platform._id,
    module,
    dropped: out.dropped,
    what: `${req.method} in`,
    correlationId: req.correlationId,
  });
  return out.value;
}

/** Validation at the edge; a 2.3.0 caller may use OpenEnum values 2.2.1 does not list (ocpi/open-enum.ts). */
export const parseFor = (platform: Platform) =>
  versionOf(platform) === '2.3.0'
    ? <S extends z.ZodType>(schema: S, value: unknown, where?: string, patch?: boolean) =>
        withOpenEnums(() => parseOcpi(schema, value, where, patch))
    : parseOcpi;

/** The kind of an answer's data, from the request it answers (undefined: nothing to convert). */
function answerKind(module: string, req: Asked): string | undefined {
  if (module === 'tokens' && req.path.endsWith('/authorize')) return 'AuthorizationInfo';
  if (req.method !== 'GET') return undefined;
  return module === 'locations' && !/^\/?$/.test(req.path) ? kindOf(module, `/cc/pid${req.path}`) : kindOf(module, '');
}

/** An answer's data as the caller's version has it (2.1.1 callers: converted by their own router). */
export async function dataOut(platform: Platform, module: string, req: Asked, data: unknown): Promise<unknown> {
  const version = versionOf(platform);
  const kind = answerKind(module, req);
  if (version === '2.1.1' || !kind || data === undefined || data === null) return data;
  const out = fromInternal(version, module, kind, data);
  await countLoss({
    platform: platform._id,
    module,
    dropped: out.dropped,
    what: `answer ${req.method}`,
    correlationId: req.correlationId,
  });
  return out.value;
}
