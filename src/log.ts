// winston JSON lines; a child logger per request tagged with its ids; secrets never reach a log line.
import winston from 'winston';
import { config } from './config';

const SECRET_KEYS = /^(authorization|token|token_a|token_b|token_c|password|secret|key)$/i;

/**
 * `value` with every field whose name says it holds a secret replaced, however deep; unchanged values are not copied.
 */
function scrub(value: unknown, depth: number): unknown {
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((v, i) => {
      const s = scrub(v, depth + 1);
      if (s !== v) (copy ??= [...value])[i] = s;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const s = SECRET_KEYS.test(k) ? '[redacted]' : scrub(v, depth + 1);
    if (s !== v) (copy ??= { ...value })[k] = s;
  }
  return copy ?? value;
}

// Drops any field whose name says it holds a secret, however deep, before the line is written.
const redact = winston.format((info) => {
  for (const key of Object.keys(info)) {
    (info as Record<string, unknown>)[key] = SECRET_KEYS.test(key) ? '[redacted]' : scrub(info[key], 0);
  }
  return info;
});

// winston filters by level only in its transports, after formatting: a line below the level is dropped here first,
// so the per-request info line costs nothing when LOG_LEVEL is warn or error.
const { levels } = winston.config.npm;
const wanted = levels[config.logLevel] ?? levels.info;
const atLevel = winston.format((info) => ((levels[info.level] ?? 0) <= wanted ? info : false));

export const log = winston.createLogger({
  level: config.logLevel,
  format: winston.format.combine(atLevel(), redact(), winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

export type Logger = winston.Logger;
