// Storage of OCPI objects pushed to the hub, shared by the module stores: the object's JSON text as it will be
// forwarded (null properties omitted: a merged PATCH's null clears the field), plus the fields the hub filters on.
// Nested updates use a revision check instead of transactions.
import mongoose, { Schema, type Model, type mongo, type SchemaDefinition, type Types } from 'mongoose';
import { seal, unseal } from '../crypto/seal';
import { jsonWithoutNulls } from '../ocpi/nulls';
import { groupedPuts, remember, writeToken, type PutResult } from './object-writes';
import type { PageRequest, PageResult } from '../ocpi/pagination';

export interface StoredObject {
  _id: Types.ObjectId;
  key: string; // unique within a module: owner and the object's id(s), upper-cased where CiString
  owner: string; // `CC*PID` of the owning party
  last_updated: Date; // the object's own last_updated as an instant (the text stays in `data`)
  data: string;
  rev: number; // incremented by every write, whichever replica makes it: the order of the object's deliveries
  deleted?: boolean; // a tombstone (DELETE), so a later PUT continues the revisions
  [field: string]: unknown;
}

// Equality on a declared field: strictQuery (production) would strip an undeclared one, and the indexes below lead
// with it so counts and pages stay index-only.
const LIVE = { deleted: false };
/** What every index of a page ends with: live objects in page order. */
const IN_ORDER = { deleted: 1, last_updated: 1, _id: 1 } as const;
/** The write tokens of object-writes.ts are the store's own bookkeeping: never read back with the object. */
const HIDDEN = { writes: 0 };

export interface Codec {
  encode: (object: unknown) => string;
  decode: (text: string) => Record<string, unknown>;
}
const json: Codec = { encode: (o) => jsonWithoutNulls(o), decode: (t) => JSON.parse(t) as Record<string, unknown> };
/** For objects carrying personal data (tokens, sessions, CDRs): the whole JSON text sealed at rest. */
export const sealedJson: Codec = {
  encode: (o) => seal(jsonWithoutNulls(o)),
  decode: (t) => JSON.parse(unseal(t)) as Record<string, unknown>,
};

/**
 * For objects with personal data in a few fields only (a location's publish_allowed_to): those fields sealed, in place.
 */
export const sealedFields = (...fields: string[]): Codec => ({
  encode: (o) => {
    const out = { ...(o as Record<string, unknown>) };
    for (const f of fields) if (out[f] !== undefined) out[f] = seal(JSON.stringify(out[f]));
    return JSON.stringify(out);
  },
  decode: (t) => {
    const out = JSON.parse(t) as Record<string, unknown>;
    for (const f of fields) if (typeof out[f] === 'string') out[f] = JSON.parse(unseal(out[f])) as unknown;
    return out;
  },
});

export class ObjectStore {
  readonly model: Model<StoredObject>;
  /** Fields that lead an index in page order: a page filtered on one of them by equality reads that index. */
  private readonly orders: string[];
  /** PUTs share bulk writes (object-writes.ts); fields are stored as given, typed by the module's store. */
  private readonly grouped: ReturnType<typeof groupedPuts>;

  constructor(
    name: string,
    extra: SchemaDefinition = {},
    indexes: Record<string, 1>[] = [],
    readonly codec: Codec = json,
  ) {
    const schema = new Schema<StoredObject>(
      {
        key: { type: String, required: true, unique: true },
        owner: { type: String, required: true },
        last_updated: { type: Date, required: true },
        data: { type: String, required: true },
        rev: { type: Number, default: 0 },
        deleted: { type: Boolean, default: false },
        ...extra,
      },
      { versionKey: false, collection: name, strict: false },
    );
    this.orders = [...indexes.map((i) => Object.keys(i)[0] as string), 'owner'];
    for (const field of this.orders) schema.index({ [field]: 1, ...IN_ORDER });
    schema.index(IN_ORDER);
    this.model = mongoose.models[name] ?? mongoose.model<StoredObject>(name, schema);
    this.grouped = groupedPuts(() => this.model.collection as unknown as mongo.Collection);
  }

  decode = (doc: StoredObject) => this.codec.decode(doc.data);

  /** PUT semantics: replace whole. Whether it was created (201) or replaced (200), and its new revision. */
  put(key: string, object: unknown, fields: Record<string, unknown>): Promise<PutResult> {
    return this.grouped(key, { ...fields, data: this.codec.encode(object), deleted: false });
  }

  async get(filter: Record<string, unknown>): Promise<StoredObject | null> {
    return this.model.findOne({ ...filter, ...LIVE }, HIDDEN).lean<StoredObject>();
  }

  async find(filter: Record<string, unknown>, limit = 2): Promise<StoredObject[]> {
    return this.model
      .find({ ...filter, ...LIVE }, HIDDEN)
      .limit(limit)
      .lean<StoredObject[]>();
  }

  /**
   * Read, change, write back only if nobody wrote in between (revision check), retried on conflict.
   * `change` returns the new object and the fields to set, or throws an OcpiError. Null when the key is unknown.
   */
  async update(
    key: string,
    change: (object: Record<string, unknown>) => { object: unknown; fields: Record<string, unknown> },
  ): Promise<{ object: Record<string, unknown>; rev: number } | null> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const doc = await this.model.findOne({ key, ...LIVE }).lean<StoredObject>();
      if (!doc) return null;
      const { object, fields } = change(this.decode(doc));
      const res = await this.model.updateOne(
        { key, rev: doc.rev },
        { $set: { ...fields, data: this.codec.encode(object) }, $inc: { rev: 1 }, $push: remember(writeToken('U')) },
      );
      if (res.modifiedCount === 1) return { object: object as Record<string, unknown>, rev: doc.rev + 1 };
    }
    throw new Error(`too many concurrent updates of ${key}`);
  }

  /** DELETE: leaves a tombstone (no data) and returns its revision, or null when there was nothing to delete. */
  async remove(key: string): Promise<number | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { key, ...LIVE },
        { $set: { deleted: true, data: this.codec.encode({}) }, $inc: { rev: 1 }, $push: remember(writeToken('D')) },
        { returnDocument: 'after', projection: { rev: 1 } },
      )
      .lean<{ rev: number }>();
    return doc?.rev ?? null;
  }

  /**
   * The index a page reads, hinted: for a deep page of a filter the index does not cover (a reader's visibility)
   * the planner may otherwise choose a blocking sort, which the embedded engine cannot run (its build has no
   * slot-based execution engine) and which a real server runs more slowly than reading the index in order.
   */
  private pageIndex(f: Record<string, unknown>): Record<string, 1> {
    const field = this.orders.find((o) => ['string', 'boolean'].includes(typeof f[o]));
    return field ? { [field]: 1, ...IN_ORDER } : IN_ORDER;
  }

  /** A page, oldest last_updated first, _id as tie-breaker; a cursor turns a deep page into an index range. */
  async page(filter: Record<string, unknown>, req: PageRequest): Promise<PageResult<StoredObject>> {
    const f: Record<string, unknown> = { ...filter, ...LIVE };
    if (req.from || req.to)
      f.last_updated = { ...(req.from ? { $gte: req.from } : {}), ...(req.to ? { $lt: req.to } : {}) };
    const after = req.after && {
      $or: [
        { last_updated: { $gt: req.after.lastUpdated } },
        { last_updated: req.after.lastUpdated, _id: { $gt: new mongoose.Types.ObjectId(req.after.id) } },
      ],
    };
    const [total, items] = await Promise.all([
      this.model.countDocuments(f),
      this.model
        .find(after ? { $and: [f, after] } : f, HIDDEN)
        .sort({ last_updated: 1, _id: 1 })
        .hint(this.pageIndex(f))
        .skip(after ? 0 : req.offset)
        .limit(req.limit)
        .lean<StoredObject[]>(),
    ]);
    const lastDoc = items[items.length - 1];
    return { items, total, last: lastDoc && { lastUpdated: lastDoc.last_updated, id: String(lastDoc._id) } };
  }
}
