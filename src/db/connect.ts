// The database connection: MONGODB_URI in production, else the embedded development engine under HUB_DATA_DIR.
import path from 'node:path';
import mongoose from 'mongoose';
import { config } from '../config';
import { log } from '../log';
import { startEmbeddedEngine, type EmbeddedEngine } from './embedded';

let engine: EmbeddedEngine | undefined;

/**
 * For the outbox's bookkeeping (claims, releases, acknowledgements): acknowledged by the primary alone, without
 * waiting for the journal or the majority. Losing one (a crash, a failover's rollback) only puts a row back to
 * pending, and it is sent again: at least once, as documented. Each journaled write costs the engine a journal
 * flush (an fdatasync) unless another is under way, and these are a third of the hub's writes.
 */
export const UNJOURNALED = { writeConcern: { w: 1 } } as const;

export async function connectDatabase(): Promise<void> {
  let uri = config.mongodbUri;
  let dbName: string | undefined;
  if (!uri) {
    const dir = path.join(config.dataDir, 'mongodb');
    engine = await startEmbeddedEngine(dir);
    uri = engine.uri;
    dbName = 'ocpi-hub';
    log.warn(
      `using the embedded DEVELOPMENT MongoDB engine with data in ${dir}; set MONGODB_URI to a MongoDB 6.0+ replica set in production`,
    );
  }
  mongoose.set('strictQuery', true);
  // Journaled majority writes: the hub answers a party only after its writes survive a crash.
  await mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 15000,
    writeConcern: { w: 'majority', journal: true },
  });
  await mongoose.connection.syncIndexes();
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
  await engine?.stop();
  engine = undefined;
}
