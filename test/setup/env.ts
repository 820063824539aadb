// Per test file, before any import: the hub's configuration for tests (its own database, any free port).
import { randomBytes } from 'node:crypto';

const base = new URL(process.env.HUB_TEST_MONGODB_URI ?? 'mongodb://127.0.0.1:27017/?directConnection=true');
base.pathname = `/hub_test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;

Object.assign(process.env, {
  // the system picks the port when the harness listens, which then tells config (listeningOn): no race for a port
  PORT: '0',
  MONGODB_URI: base.toString(),
  HUB_ADMIN_TOKEN: 'test-admin-token-0123456789',
  HUB_MASTER_KEY: randomBytes(32).toString('base64'),
  HUB_ALLOW_PRIVATE_URLS: 'true',
  HUB_HTTP_TIMEOUT_MS: '3000',
  HUB_RELAY_TIMEOUT_MS: '1000',
  // module tests exercise mechanics; policy tests import ./agreements-required first to get the production default
  HUB_AGREEMENTS: 'open',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
});
