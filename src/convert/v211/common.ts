// Small pure pieces shared by the 2.1.1 converters: renaming a field, keeping the enum values a version knows,
// and recording what could not be carried over.
import { isObj, type Obj } from '../fields';

export { isObj, type Obj } from '../fields';
export { Unconvertible } from '../errors';

/** Collects the paths of dropped fields and values, e.g. 'evses[].capabilities:PED_TERMINAL'. */
export class LossRecorder {
  readonly dropped: string[] = [];
  drop(path: string): void {
    if (!this.dropped.includes(path)) this.dropped.push(path);
  }
  /** Removes `fields` from `o` (a copy is expected), recording each present one under `prefix`. */
  omit(o: Obj, fields: readonly string[], prefix = ''): Obj {
    for (const f of fields) {
      if (o[f] === undefined || o[f] === null) continue;
      delete o[f];
      this.drop(`${prefix}${f}`);
    }
    return o;
  }
  /** Keeps the values of an enum list the receiver knows; each other value is recorded as 'path:VALUE'. */
  keep(o: Obj, field: string, known: ReadonlySet<string>, prefix = ''): void {
    const list = o[field];
    if (!Array.isArray(list)) return;
    const kept = list.filter((v) => known.has(String(v)));
    for (const v of list) if (!known.has(String(v))) this.drop(`${prefix}${field}:${String(v)}`);
    o[field] = kept;
  }
}

export const copy = (v: unknown): Obj => (isObj(v) ? { ...v } : {});

/** Moves `o[from]` to `o[to]` when present (partial bodies: PATCH). */
export function rename(o: Obj, from: string, to: string, map: (v: unknown) => unknown = (v) => v): Obj {
  if (from in o) {
    const value = o[from];
    delete o[from];
    if (value !== undefined) o[to] = map(value);
  }
  return o;
}

/** Applies `f` to each element of an array field, when present. */
export function mapItems(o: Obj, field: string, f: (item: Obj) => Obj | undefined): void {
  const list = o[field];
  if (!Array.isArray(list)) return;
  o[field] = list.map((item) => f(copy(item))).filter((x): x is Obj => x !== undefined);
}
