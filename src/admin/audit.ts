// Operator API of the audit log: GET /admin/audit (filtered, newest first, paged by cursor) and GET/POST
// /admin/audit/verify.
import { Router } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { parseAdmin } from './schema';
import { AuditModel, type AuditEntry } from '../audit/model';
import { hubWriterStored } from '../audit/log';
import { verifyAudit, type AuditCheckpoint } from '../audit/verify';

/** Newest first: `at` descending, `_id` breaking ties, so a cursor is the (at, _id) of the last entry shown. */
interface AuditCursor {
  at: Date;
  id: Types.ObjectId;
}

const encodeCursor = (c: AuditCursor): string =>
  Buffer.from(`${c.at.getTime()}.${c.id.toHexString()}`).toString('base64url');

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
const Instant = z.iso
  .datetime({ offset: true, error: 'an RFC 3339 date-time such as 2025-01-31T12:00:00Z' })
  .transform((v) => new Date(v));

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

export const auditRouter = Router();

const EXACT = ['from', 'to', 'module', 'action', 'object_id', 'correlation_id', 'request_id'] as const;

function toFilter(q: AuditQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const field of EXACT) if (q[field] !== undefined) filter[field] = q[field];
  if (q.since || q.until) filter.at = { ...(q.since ? { $gte: q.since } : {}), ...(q.until ? { $lt: q.until } : {}) };
  if (q.cursor) filter.$or = [{ at: { $lt: q.cursor.at } }, { at: q.cursor.at, _id: { $lt: q.cursor.id } }];
  return filter;
}

const entryView = ({ _id, ...entry }: AuditEntry) => ({ id: _id.toHexString(), ...entry });

auditRouter.get('/', async (req, res) => {
  const q = parseAdmin(AuditQuery, req.query);
  // One more than asked tells whether another page exists without counting.
  const found = await AuditModel.find(toFilter(q))
    .sort({ at: -1, _id: -1 })
    .limit(q.limit + 1)
    .lean<AuditEntry[]>();
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  res.json({
    entries: page.map(entryView),
    ...(found.length > q.limit && last ? { next_cursor: encodeCursor({ at: last.at, id: last._id }) } : {}),
  });
});

/** This process's own writer, from memory: its chain must still hold what it stored, whatever the head says. */
const ownCheckpoint = (): AuditCheckpoint[] => {
  const stored = hubWriterStored();
  return stored ? [stored] : [];
};

export const AuditCheckpoints = z.strictObject({
  checkpoints: z
    .array(z.strictObject({ writer: Text, seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) }))
    .max(10_000),
});

// 200 whether or not the log is intact: the answer is the finding, `ok` says which.
auditRouter.get('/verify', async (_req, res) => {
  res.json(await verifyAudit(ownCheckpoint()));
});

// The same, with checkpoints the operator collected from the hub's logs ('audit checkpoint' lines).
auditRouter.post('/verify', async (req, res) => {
  const { checkpoints } = parseAdmin(AuditCheckpoints, req.body);
  res.json(await verifyAudit([...ownCheckpoint(), ...checkpoints]));
});
