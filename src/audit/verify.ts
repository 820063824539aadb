// Verification of the audit log: recomputes every writer's keyed chain from the stored entries and checks it against
// its head and against checkpoints kept outside the database (this process's memory, the operator's logs).
import {
  AuditHeadModel,
  AuditModel,
  CHAINED_KEYS,
  chainHash,
  GENESIS,
  headMac,
  type AuditEntry,
  type AuditHead,
} from './model';

export interface AuditProblem {
  writer: string;
  seq?: number;
  problem: string;
}

export interface AuditVerification {
  /** No problem found; warnings do not count against it. */
  ok: boolean;
  writers: number;
  entries: number;
  problems: AuditProblem[];
  /** Not tampering: a head behind its chain (a crash between a batch and its head update). */
  warnings: AuditProblem[];
}

/** A writer's (seq, hash) known from outside the collection: the chain must still hold exactly this entry. */
export interface AuditCheckpoint {
  writer: string;
  seq: number;
  hash: string;
}

// A wholesale rewrite must not build an answer as large as the log itself.
const MAX_PROBLEMS = 1000;
const KNOWN = new Set(['_id', 'hash', ...CHAINED_KEYS]);

interface Walk {
  writer: string;
  head?: AuditHead;
  seq: number;
  hash: string;
  at: number;
}

type Report = (p: AuditProblem) => void;

function checkEntry(doc: AuditEntry, walk: Walk, report: Report): void {
  const at = doc.at instanceof Date ? doc.at.getTime() : NaN;
  const problem = (text: string, seq = doc.seq) => report({ writer: walk.writer, seq, problem: text });
  const added = Object.keys(doc).filter((key) => !KNOWN.has(key));
  if (added.length > 0) problem(`changed: fields added (${added.join(', ')})`);
  else if (chainHash(doc as unknown as Record<string, unknown>) !== doc.hash)
    problem('changed: the hash does not match the fields');
  if (doc.seq === walk.seq) problem('a second entry with this seq');
  else if (doc.seq > walk.seq + 1) {
    const first = walk.seq + 1;
    problem(
      `deleted: ${first === doc.seq - 1 ? `entry ${first} is` : `entries ${first} to ${doc.seq - 1} are`} missing`,
      first,
    );
  } else if (doc.prev !== walk.hash)
    problem('relinked: prev is not the hash of the entry before (replaced or reordered)');
  if (!(at >= walk.at)) problem('reordered: written before the entry before it');
  if (walk.head?.seq === doc.seq && walk.head.hash !== doc.hash) problem('the head names another hash for this entry');
}

/** What the walk cannot see entry by entry: the newest entries gone, or the head itself gone or forged. */
function checkEnd(walk: Walk, report: Report, warn: Report): void {
  const { head, writer } = walk;
  if (!head) return report({ writer, problem: 'no head record for this writer (deleted?)' });
  if (head.mac !== headMac(writer, head.seq, head.hash))
    return report({ writer, seq: head.seq, problem: 'forged: the head does not carry its MAC' });
  if (head.seq > walk.seq) {
    const missing = walk.seq + 1 === head.seq ? `entry ${head.seq} is` : `entries ${walk.seq + 1} to ${head.seq} are`;
    report({
      writer,
      seq: walk.seq + 1,
      problem: `deleted: ${missing} missing (the head is ahead of the stored chain)`,
    });
  } else if (head.seq < walk.seq) {
    // A crash between a batch and its head update, or a head set back to one the writer once stored (then entries were
    // deleted: only a checkpoint tells).
    warn({ writer, seq: head.seq, problem: `the head is behind its chain (${walk.seq} entries stored)` });
  }
}

/** Each checkpoint's entry must still be stored, unchanged: this catches a tail cut off together with its head. */
async function checkCheckpoints(checkpoints: AuditCheckpoint[], report: Report): Promise<void> {
  for (const c of checkpoints) {
    const doc = await AuditModel.collection.findOne<AuditEntry>({ writer: c.writer, seq: c.seq });
    if (!doc)
      report({
        writer: c.writer,
        seq: c.seq,
        problem: 'deleted: an entry a checkpoint names is missing (tail truncated?)',
      });
    else if (doc.hash !== c.hash)
      report({ writer: c.writer, seq: c.seq, problem: 'changed: the entry differs from its checkpoint' });
  }
}

/** Streams every entry once, in (writer, seq) order, through the unique index; then checks the checkpoints. */
export async function verifyAudit(checkpoints: AuditCheckpoint[] = []): Promise<AuditVerification> {
  const heads = new Map((await AuditHeadModel.find().lean<AuditHead[]>()).map((h) => [h._id, h]));
  const problems: AuditProblem[] = [];
  const warnings: AuditProblem[] = [];
  const report: Report = (p) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const warn: Report = (p) => {
    if (warnings.length < MAX_PROBLEMS) warnings.push(p);
  };
  let writers = 0;
  let entries = 0;
  let walk: Walk | undefined;
  const cursor = AuditModel.collection.find<AuditEntry>({}, { sort: { writer: 1, seq: 1 }, batchSize: 1000 });
  for await (const doc of cursor) {
    entries += 1;
    if (walk?.writer !== doc.writer) {
      if (walk) checkEnd(walk, report, warn);
      writers += 1;
      walk = { writer: doc.writer, head: heads.get(doc.writer), seq: 0, hash: GENESIS, at: 0 };
      heads.delete(doc.writer);
    }
    checkEntry(doc, walk, report);
    walk.seq = doc.seq;
    walk.hash = doc.hash;
    walk.at = doc.at instanceof Date ? doc.at.getTime() : walk.at;
  }
  if (walk) checkEnd(walk, report, warn);
  for (const head of heads.values()) {
    writers += 1;
    report({ writer: head._id, seq: 1, problem: `deleted: all ${head.seq} entries of this writer are missing` });
  }
  await checkCheckpoints(checkpoints, report);
  return { ok: problems.length === 0, writers, entries, problems, warnings };
}
