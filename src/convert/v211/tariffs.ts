// Tariffs between 2.1.1 and the internal form (2.2.1). 2.1.1 (mod_tariffs.md) has no owner fields, no tariff type,
// no min/max price or validity period, no VAT per price component and fewer restrictions; it allows PATCH,
// which 2.2.1 does not (the hub applies it to its stored tariff and forwards the full object).
import type { ConvertContext, Converted, ModuleConverter } from '../types';
import { copy, mapItems, isObj, LossRecorder, type Obj } from './common';
import { ownerOf } from './periods';

const ONLY_221 = ['type', 'min_price', 'max_price', 'start_date_time', 'end_date_time'] as const;
const RESTRICTIONS_221 = ['min_current', 'max_current', 'reservation'] as const;

export function tariffToInternal(body: unknown, ctx: ConvertContext): Obj {
  const owner = ownerOf(ctx, 'tariff');
  return { country_code: owner.country_code, party_id: owner.party_id, ...copy(body) };
}

export function tariffFrom(body: unknown, loss: LossRecorder, prefix = ''): Obj {
  const t = copy(body);
  delete t.country_code; // the owner is in the 2.1.1 URL path
  delete t.party_id;
  loss.omit(t, ONLY_221, prefix);
  mapItems(t, 'elements', (e) => {
    mapItems(e, 'price_components', (p) => loss.omit(p, ['vat'], `${prefix}elements[].price_components[].`));
    if (isObj(e.restrictions))
      e.restrictions = loss.omit({ ...e.restrictions }, RESTRICTIONS_221, `${prefix}elements[].restrictions.`);
    return e;
  });
  return t;
}

/** A 2.1.1 PATCH applied to the stored (internal) tariff: top-level fields replace, as 2.1.1 PATCH does. */
export function patchTariff(stored: unknown, patch: unknown): Obj {
  return { ...copy(stored), ...copy(patch) };
}

export const tariffs: ModuleConverter = {
  toInternal(kind, body, ctx): Converted {
    if (kind !== 'tariff') return { value: body, dropped: [] };
    if (ctx.patch === true) return { value: patchTariff(ctx.stored, body), dropped: [] };
    return { value: tariffToInternal(body, ctx), dropped: [] };
  },
  fromInternal(kind, body): Converted {
    const loss = new LossRecorder();
    if (kind !== 'tariff') return { value: body, dropped: [] };
    return { value: tariffFrom(body, loss), dropped: loss.dropped };
  },
};
