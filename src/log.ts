// winston JSON lines; a child logger per request tagged with its ids; secrets never reach a log line.
import winston from 'winston';
import { config } from './config';

const SECRET_KEYS = /^(authorization|token|token_a|token_b|token_c|password|secret|key)$/i;

// Drops any field whose name says it holds a secret, however deep, before the line is written.
const redact = winston.format((info) => {
  const scrub = (value: unknown, depth: number): unknown => {
    if (depth > 4 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : scrub(v, depth + 1)]),
    );
  };
  for (const key of Object.keys(info)) {
    (info as Record<string, unknown>)[key] = SECRET_KEYS.test(key) ? '[redacted]' : scrub(info[key], 0);
  }
  return info;
});

export const log = winston.createLogger({
  level: config.logLevel,
  format: winston.format.combine(redact(), winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

export type Logger = winston.Logger;
