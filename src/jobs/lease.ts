// A lease in MongoDB, so a scheduled job runs on one replica of the cluster at a time.
import { randomUUID } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';

const LeaseModel = mongoose.model(
  'Lease',
  new Schema({ _id: String, holder: String, until: Date }, { versionKey: false, collection: 'leases' }),
);

const me = randomUUID();

/** True when this process holds (or just took) the lease `name` for `ms`; false when another replica does. */
export async function takeLease(name: string, ms: number): Promise<boolean> {
  const now = new Date();
  try {
    const doc = await LeaseModel.findOneAndUpdate(
      { _id: name, $or: [{ until: { $lte: now } }, { holder: me }] },
      { $set: { holder: me, until: new Date(now.getTime() + ms) } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return doc?.holder === me;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false; // held by another replica: the upsert collided
    throw error;
  }
}
