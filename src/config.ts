// The only reader of process.env: checked with zod at boot, typed, frozen; exits with a clear message on bad config.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');
const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const masterKey = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
  .optional();

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HUB_PUBLIC_URL: z.url().optional(),
  HUB_COUNTRY_CODE: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be 2 letters')
    .default('NL'),
  HUB_PARTY_ID: z
    .string()
    .regex(/^[A-Za-z0-9]{1,3}$/, 'must be 1 to 3 letters or digits')
    .default('HUB'),
  HUB_NAME: z.string().min(1).default('ocpi-hub'),
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  HUB_DATA_DIR: z.string().default('./data'),
  HUB_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HUB_MASTER_KEY: masterKey,
  HUB_ALLOW_PRIVATE_URLS: flag,
  HUB_HTTP_TIMEOUT_MS: int(10000),
  HUB_PAGE_LIMIT: int(100),
  HUB_RELAY_TIMEOUT_MS: int(10000),
  HUB_PAGE_LINK_TTL_MINUTES: int(60),
  HUB_STILL_ALIVE_MINUTES: int(5),
  HUB_RETENTION_DAYS: int(400),
  HUB_AGREEMENTS: z.enum(['required', 'open']).default('required'),
  HUB_ONBOARDING_CHECK: z.enum(['off', 'report', 'required']).default('off'),
  HUB_KEY_GRACE_DAYS: int(7),
  HUB_RETRY_MAX_ATTEMPTS: int(25),
  HUB_RETRY_MAX_AGE_HOURS: int(48),
  HUB_OFFLINE_POLICY: z.enum(['wait', 'drop']).default('wait'),
  HUB_RECEIVER_CONCURRENCY: int(8),
  HUB_RECEIVER_CONCURRENCY_MAX: int(32),
  HUB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  HUB_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).default(100),
  HUB_TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  HUB_AUDIT_BUFFER_MAX: int(20000),
  HOST: z.string().min(1).optional(),
  HUB_OUTBOX_CONCURRENCY: int(128),
  HUB_OUTBOX_LEASE_SECONDS: int(30),
  HUB_KEY_ROTATION_CRON: z.string().default('0 4 1 * *'),
  HUB_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 1mb or 512kb')
    .default('1mb'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info'),
});

/** Development secrets are generated once into the data folder, never when a real database is configured. */
function devSecret(dataDir: string, name: string, make: () => string): { value: string; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, make() + '\n', { mode: 0o600 });
  return { value: readFileSync(file, 'utf8').trim(), file };
}

/** The port the system picked when PORT=0, told by listeningOn() once the server listens. */
let pickedPort: number | undefined;

/**
 * Called by main (and the test harness, which starts the app itself) once the HTTP server listens: with PORT=0
 * the system picks the port, so the default public URL, http://127.0.0.1:<port>, is known only then.
 */
export function listeningOn(port: number): void {
  pickedPort = port;
}

export function loadConfig(env: NodeJS.ProcessEnv) {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const generated: string[] = [];
  const secret = (name: 'HUB_ADMIN_TOKEN' | 'HUB_MASTER_KEY', make: () => string) => {
    const given = e[name];
    if (given) return given;
    if (e.MONGODB_URI) throw new Error(`invalid configuration:\n  ${name}: required when MONGODB_URI is set`);
    const { value, file } = devSecret(e.HUB_DATA_DIR, name.toLowerCase().replace(/_/g, '-'), make);
    generated.push(`${name} from ${file}`);
    return value;
  };
  const adminToken = secret('HUB_ADMIN_TOKEN', () => randomBytes(24).toString('base64url'));
  const masterKeyB64 = secret('HUB_MASTER_KEY', () => randomBytes(32).toString('base64'));
  const givenUrl = e.HUB_PUBLIC_URL?.replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    /** HUB_PUBLIC_URL, or the listening port on 127.0.0.1 (with PORT=0, only once the server listens). */
    get publicUrl(): string {
      if (givenUrl) return givenUrl;
      const port = e.PORT || pickedPort;
      if (!port) throw new Error('the public URL is unknown until the hub listens (PORT=0 and no HUB_PUBLIC_URL)');
      return `http://127.0.0.1:${port}`;
    },
    countryCode: e.HUB_COUNTRY_CODE.toUpperCase(),
    partyId: e.HUB_PARTY_ID.toUpperCase(),
    name: e.HUB_NAME,
    mongodbUri: e.MONGODB_URI,
    dataDir: path.resolve(e.HUB_DATA_DIR),
    adminToken,
    masterKey: Buffer.from(masterKeyB64, 'base64'),
    allowPrivateUrls: e.HUB_ALLOW_PRIVATE_URLS,
    httpTimeoutMs: e.HUB_HTTP_TIMEOUT_MS,
    pageLimit: e.HUB_PAGE_LIMIT,
    relayTimeoutMs: e.HUB_RELAY_TIMEOUT_MS,
    pageLinkTtlMinutes: e.HUB_PAGE_LINK_TTL_MINUTES,
    stillAliveMinutes: e.HUB_STILL_ALIVE_MINUTES,
    retentionDays: e.HUB_RETENTION_DAYS,
    agreements: e.HUB_AGREEMENTS,
    onboardingCheck: e.HUB_ONBOARDING_CHECK,
    keyGraceDays: e.HUB_KEY_GRACE_DAYS,
    retryMaxAttempts: e.HUB_RETRY_MAX_ATTEMPTS,
    retryMaxAgeHours: e.HUB_RETRY_MAX_AGE_HOURS,
    offlinePolicy: e.HUB_OFFLINE_POLICY,
    receiverConcurrency: e.HUB_RECEIVER_CONCURRENCY,
    receiverConcurrencyMax: Math.max(e.HUB_RECEIVER_CONCURRENCY, e.HUB_RECEIVER_CONCURRENCY_MAX),
    rateLimitPerMinute: e.HUB_RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: e.HUB_AUTH_FAILURES_PER_MINUTE,
    trustProxy: e.HUB_TRUST_PROXY,
    auditBufferMax: e.HUB_AUDIT_BUFFER_MAX,
    // Development (no MONGODB_URI) listens on loopback only; a deployment on every interface.
    host: e.HOST ?? (e.MONGODB_URI ? undefined : '127.0.0.1'),
    outboxConcurrency: e.HUB_OUTBOX_CONCURRENCY,
    outboxLeaseMs: e.HUB_OUTBOX_LEASE_SECONDS * 1000,
    keyRotationCron: e.HUB_KEY_ROTATION_CRON,
    bodyLimit: e.HUB_BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
    generatedSecrets: Object.freeze(generated),
  });
}

export type Config = ReturnType<typeof loadConfig>;

function loadOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

export const config: Config = loadOrExit();
