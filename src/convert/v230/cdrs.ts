// CDRs between OCPI 2.3.0 and the internal form: every cost field is a Price, and the CDR's tariffs are Tariffs.
import type { ModuleConverter } from '../types';
import { each, isObj, mapFields } from '../fields';
import { priceFromInternal, priceToInternal } from './price';
import { tariffFromInternal, tariffToInternal } from './tariffs';

/** Every Price of a 2.2.1/2.3.0 CDR (mod_cdrs.asciidoc, CDR object). */
export const CDR_COSTS = [
  'total_cost',
  'total_fixed_cost',
  'total_energy_cost',
  'total_time_cost',
  'total_parking_cost',
  'total_reservation_cost',
] as const;

function convert(cdr: unknown, price: (v: unknown) => unknown, tariff: (v: unknown) => unknown): unknown {
  const out = mapFields(cdr, CDR_COSTS, price);
  if (!isObj(out) || !Array.isArray(out.tariffs)) return out;
  return { ...out, tariffs: out.tariffs.map(tariff) };
}

export const cdrs: ModuleConverter = {
  toInternal: (_kind, body) => ({
    value: each(body, (c) => convert(c, priceToInternal, tariffToInternal)),
    dropped: [],
  }),
  fromInternal: (_kind, body) => ({
    value: each(body, (c) => convert(c, priceFromInternal, tariffFromInternal)),
    dropped: [],
  }),
};
