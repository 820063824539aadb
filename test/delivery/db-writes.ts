// Counts the writes this process asks MongoDB to make, whichever layer asks (mongoose models or a library on the
// driver).
import mongoose from 'mongoose';

/** Every write the MongoDB driver (under mongoose and rate-limiter-flexible alike) is asked to make, until stop(). */
export function countWrites() {
  const proto = mongoose.mongo.Collection.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const methods = [
    'insertOne',
    'insertMany',
    'updateOne',
    'updateMany',
    'replaceOne',
    'findOneAndUpdate',
    'findOneAndReplace',
    'deleteOne',
    'deleteMany',
    'bulkWrite',
  ];
  const seen: string[] = [];
  const spies = methods.map((m) => {
    const original = proto[m]!;
    return jest.spyOn(proto, m).mockImplementation(function (this: { collectionName: string }, ...args: unknown[]) {
      seen.push(`${this.collectionName}.${m}`);
      return original.apply(this, args);
    });
  });
  return { stop: () => (spies.forEach((s) => s.mockRestore()), seen) };
}
