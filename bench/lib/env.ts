// The bench process's configuration, set before anything loads src/config.ts (which reads process.env once, at import).
import { randomBytes } from 'node:crypto';

export const ADMIN_TOKEN = 'bench-admin-token-0123456789';
export const MASTER_KEY = randomBytes(32).toString('base64');

Object.assign(process.env, {
  HUB_ADMIN_TOKEN: ADMIN_TOKEN,
  HUB_MASTER_KEY: MASTER_KEY,
  // Only so that config.ts does not generate development secrets: the bench connects mongoose itself (lib/engine.ts).
  MONGODB_URI: 'mongodb://127.0.0.1:9/unused',
  HUB_ALLOW_PRIVATE_URLS: 'true',
  HUB_AGREEMENTS: 'open',
  LOG_LEVEL: 'error',
});
