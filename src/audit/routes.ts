// Operator API of the audit log: GET /admin/audit (filtered, newest first, paged by cursor) and GET /admin/audit/verify.
import { Router } from 'express';
import { parseAdmin } from '../admin/schema';
import { AuditModel, type AuditEntry } from './model';
import { AuditQuery, encodeCursor } from './schema';
import { verifyAudit } from './verify';

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
  const found = await AuditModel.find(toFilter(q)).sort({ at: -1, _id: -1 }).limit(q.limit + 1).lean<AuditEntry[]>();
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  res.json({
    entries: page.map(entryView),
    ...(found.length > q.limit && last ? { next_cursor: encodeCursor({ at: last.at, id: last._id }) } : {}),
  });
});

// 200 whether or not the log is intact: the answer is the finding, `ok` says which.
auditRouter.get('/verify', async (_req, res) => {
  res.json(await verifyAudit());
});
