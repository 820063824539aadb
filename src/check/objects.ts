// Object checks: every object a Sender list returned, validated with the hub's own zod schemas (counts and the
// first errors), its DateTimes in UTC with `Z`, last_updated present and not in the future, ids within limits.
import type { ModuleSpec } from './modules';
import { lastUpdated } from './modules';
import type { CheckContext } from './probe';
import { result, type CheckResult } from './report';

const FIRST_ERRORS = 3;
const FUTURE_SKEW_MS = 5 * 60_000;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function checkSchema(mod: ModuleSpec, items: Record<string, unknown>[]): CheckResult {
  const R = {
    id: `objects.${mod.name}.schema`,
    title: `${mod.name}: every object valid`,
    rule: `2.2.1 mod_${mod.name}: object description (required fields, types, lengths, enums)`,
  };
  const errors: string[] = [];
  let invalid = 0;
  for (const o of items) {
    const parsed = mod.schema.safeParse(o);
    if (parsed.success) continue;
    invalid += 1;
    const issue = parsed.error.issues[0];
    if (errors.length < FIRST_ERRORS)
      errors.push(
        `${mod.idField ? String(o[mod.idField]) : '?'}: ${issue?.path.join('.') || '(object)'} ${issue?.message ?? ''}`,
      );
  }
  if (items.length === 0) return result(R, 'warn', 'no objects to validate');
  if (invalid > 0) return result(R, 'fail', `${invalid} of ${items.length} invalid; first: ${errors.join(' | ')}`);
  return result(R, 'pass', `${items.length} valid`);
}

/** Every string that looks like a DateTime, with its path. */
function dateTimes(value: unknown, path: string, out: [string, string][]): void {
  if (typeof value === 'string' && DATE_LIKE.test(value)) out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => dateTimes(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) dateTimes(v, path ? `${path}.${k}` : k, out);
}

export function checkDateTimes(mod: ModuleSpec, items: Record<string, unknown>[]): CheckResult {
  const R = {
    id: `objects.${mod.name}.datetime`,
    title: `${mod.name}: DateTimes in UTC with Z, last_updated present and not in the future`,
    rule: '2.2.1 types: DateTime is RFC 3339 in UTC; the hub sends and expects the `Z` designator',
  };
  const found: [string, string][] = [];
  items.forEach((o, i) => dateTimes(o, mod.idField ? String(o[mod.idField]) : `[${i}]`, found));
  const offset = found.filter(([, v]) => /[+-]\d{2}:?\d{2}$/.test(v) && !/\+00:?00$/.test(v));
  const bare = found.filter(([, v]) => !/(Z|[+-]\d{2}:?\d{2})$/i.test(v) || /\+00:?00$/.test(v));
  const missing = items.filter((o) => lastUpdated(o) === undefined).length;
  const future = items.filter((o) => (lastUpdated(o) ?? 0) > Date.now() + FUTURE_SKEW_MS).length;
  const show = (list: [string, string][]) =>
    list
      .slice(0, FIRST_ERRORS)
      .map(([p, v]) => `${p}=${v}`)
      .join(', ');
  if (offset.length > 0) return result(R, 'fail', `${offset.length} DateTime(s) not in UTC: ${show(offset)}`);
  if (missing > 0 || future > 0)
    return result(R, 'fail', `${missing} object(s) without a valid last_updated, ${future} in the future`);
  if (bare.length > 0) return result(R, 'warn', `${bare.length} DateTime(s) without the Z designator: ${show(bare)}`);
  return result(R, 'pass', `${found.length} DateTimes, all with Z`);
}

export function checkIds(mod: ModuleSpec, items: Record<string, unknown>[]): CheckResult | undefined {
  if (!mod.idField || !mod.idMax) return undefined;
  const R = {
    id: `objects.${mod.name}.ids`,
    title: `${mod.name}: ${mod.idField} within ${mod.idMax} printable ASCII characters`,
    rule: `2.2.1 mod_${mod.name}: ${mod.idField} is CiString(${mod.idMax})`,
  };
  const bad = items
    .map((o) => String(o[mod.idField ?? ''] ?? ''))
    .filter((id) => id.length === 0 || id.length > (mod.idMax ?? 0) || !/^[\x20-\x7e]+$/.test(id));
  if (bad.length > 0)
    return result(
      R,
      'fail',
      `${bad.length} id(s) out of bounds: ${bad
        .slice(0, FIRST_ERRORS)
        .map((id) => JSON.stringify(id.slice(0, 60)))
        .join(', ')}`,
    );
  return result(R, 'pass', `${items.length} ids`);
}

/** The envelope's own timestamp on every answer (transport_and_format: timestamp is a DateTime). */
export function checkEnvelopeTimestamps(ctx: CheckContext): CheckResult {
  const R = {
    id: 'datetime.envelope',
    title: 'Envelope timestamps in UTC with Z',
    rule: '2.2.1 transport_and_format: every response carries timestamp, a DateTime in UTC',
  };
  const stamps = ctx.exchanges.flatMap((ex) => {
    const m = /"timestamp"\s*:\s*"([^"]*)"/.exec(ex.response?.body ?? '');
    return m?.[1] ? [{ ex, v: m[1] }] : [];
  });
  const notZ = stamps.filter((s) => !s.v.endsWith('Z'));
  if (notZ.length > 0)
    return result(
      R,
      notZ.some((s) => /[+-]\d{2}:?\d{2}$/.test(s.v) && !/\+00:?00$/.test(s.v)) ? 'fail' : 'warn',
      `${notZ.length} of ${stamps.length} without Z, e.g. ${notZ[0]?.v}`,
      [notZ[0]!.ex],
    );
  return result(R, 'pass', `${stamps.length} timestamps`);
}
