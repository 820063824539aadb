// GET /admin/audit query parameters (zod, at the edge) and the opaque paging cursor.
import { Types } from 'mongoose';
import { z } from 'zod';

/** Newest first: `at` descending, `_id` breaking ties, so a cursor is the (at, _id) of the last entry shown. */
export interface AuditCursor {
  at: Date;
  id: Types.ObjectId;
}

export const encodeCursor = (c: AuditCursor): string => Buffer.from(`${c.at.getTime()}.${c.id.toHexString()}`).toString('base64url');

const Cursor = z.string().transform((value, ctx): AuditCursor => {
  const m = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(Buffer.from(value, 'base64url').toString('latin1'));
  if (!m?.[1] || !m[2]) {
    ctx.addIssue({ code: 'custom', message: 'not a cursor this hub issued' });
    return z.NEVER;
  }
  return { at: new Date(Number(m[1])), id: new Types.ObjectId(m[2]) };
});

const PartyKey = z
  .string()
  .regex(/^[A-Za-z]{2}\*[A-Za-z0-9]{1,3}$/, 'a party key such as NL*CPA (country_code*party_id)')
  .transform((v) => v.toUpperCase());
const Text = z.string().min(1).max(255);
const Instant = z.iso.datetime({ offset: true, error: 'an RFC 3339 date-time such as 2025-01-31T12:00:00Z' }).transform((v) => new Date(v));

export const AuditQuery = z.strictObject({
  from: PartyKey.optional(),
  to: PartyKey.optional(),
  module: Text.optional(),
  action: Text.optional(),
  object_id: Text.optional(),
  correlation_id: Text.optional(),
  request_id: Text.optional(),
  /** inclusive */
  since: Instant.optional(),
  /** exclusive, as OCPI's date_to */
  until: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: Cursor.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
