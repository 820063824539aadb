// Tariffs between OCPI 2.3.0 and the internal form (mod_tariffs.asciidoc 2.3.0): min_price/max_price are PriceLimits,
// and the required `tax_included` says whether PriceComponent.price includes taxes.
import type { ModuleConverter } from '../types';
import { each, isObj, mapFields } from '../fields';
import { limitFromInternal, limitToInternal } from './price';

const LIMITS = ['min_price', 'max_price'] as const;

/** 2.3.0 → internal: PriceLimits become Prices; `tax_included` and `preauthorize_amount` are kept as they came. */
export function tariffToInternal(tariff: unknown): unknown {
  return mapFields(tariff, LIMITS, limitToInternal);
}

/**
 * internal → 2.3.0: Prices become PriceLimits. A tariff that did not come from 2.3.0 has no `tax_included`: its
 * prices are excl. VAT (2.2.1 PriceComponent.price), i.e. taxes come on top: "NO".
 */
export function tariffFromInternal(tariff: unknown): unknown {
  const out = mapFields(tariff, LIMITS, limitFromInternal);
  if (!isObj(out) || out.tax_included !== undefined) return out;
  return { ...out, tax_included: 'NO' };
}

export const tariffs: ModuleConverter = {
  toInternal: (_kind, body) => ({ value: each(body, tariffToInternal), dropped: [] }),
  fromInternal: (_kind, body) => ({ value: each(body, tariffFromInternal), dropped: [] }),
};
