// The pieces every admin endpoint's description shares: its error answers (components.responses), JSON answers
// with the id headers, and table(), which turns a compact list of endpoints under one path into operations.
import { z } from 'zod';
import { AdminErrorBody, PlatformView } from './admin-views';
import type { AnswerDoc, Op } from './operation';

const IDS = ['X-Request-ID', 'X-Correlation-ID'];
const error = (description: string): AnswerDoc => ({ description, schema: AdminErrorBody, headers: IDS });

/** components.responses of the admin API: `{"error": "...", "details"?: [...]}`. */
export const adminErrors = {
  AdminBadRequest: error('Invalid JSON, or a field invalid: `details` lists `{path, message}` per problem.'),
  AdminUnauthorized: error('Missing or wrong admin token.'),
  AdminNotFound: error('No such object.'),
  AdminConflict: error(
    "The object's state forbids this (deleted, already registered, a role another platform holds, a row being delivered...).",
  ),
  AdminPayloadTooLarge: error('The body is larger than 100 kB.'),
  AdminBadGateway: error(
    "The party's side of a hub-initiated handshake failed: `details[0].ocpi_status_code` says how (3001, 3002, 3003...).",
  ),
  AdminServerError: error('An unexpected error in the hub.'),
} satisfies Record<string, AnswerDoc>;

export const Id = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });
export const json = (description: string, schema: z.ZodType): AnswerDoc => ({ description, schema, headers: IDS });
export const gone: AnswerDoc = { description: 'Done, no content.', headers: IDS };
const FAIL = {
  400: 'AdminBadRequest',
  401: 'AdminUnauthorized',
  404: 'AdminNotFound',
  409: 'AdminConflict',
  413: 'AdminPayloadTooLarge',
  500: 'AdminServerError',
  502: 'AdminBadGateway',
} as const;

type Spec = Omit<Op, 'auth' | 'answers' | 'tag' | 'path'> & {
  ok: Record<string, AnswerDoc>;
  fails?: (keyof typeof FAIL)[];
};

export function table(tag: string, base: string, specs: (Spec & { at: string })[]): Op[] {
  return specs.map(({ at, ok, fails = [], ...op }) => {
    const failures: Record<number, string> = { 401: FAIL[401], 500: FAIL[500] };
    for (const status of [...fails, ...(op.body ? ([400, 413] as const) : [])]) failures[status] = FAIL[status];
    // parseAdmin reads a missing body as {}
    const bodyOptional = op.body?.safeParse({}).success;
    return {
      ...op,
      bodyOptional,
      tag: `admin ${tag}`,
      path: `/admin${base}${at}`,
      auth: 'admin',
      answers: { ...ok, ...failures },
    };
  });
}

/** A 200 answer carrying the platform as the admin API shows it (never a secret). */
export const platform = (description: string) => ({ 200: json(description, PlatformView) });
