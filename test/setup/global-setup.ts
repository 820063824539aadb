// One embedded MongoDB engine per test run, in its own process; each test file gets its own database.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedEngine, type EmbeddedEngine } from '../../src/db/embedded';

declare global {
  var __HUB_TEST_ENGINE__: EmbeddedEngine | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.HUB_TEST_MONGODB_URI) return; // a real server given from outside
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ocpi-hub-test-'));
  const engine = await startEmbeddedEngine(dir);
  globalThis.__HUB_TEST_ENGINE__ = engine;
  process.env.HUB_TEST_MONGODB_URI = engine.uri; // inherited by the workers
}
