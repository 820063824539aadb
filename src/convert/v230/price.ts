// 2.3.0 Price {before_taxes, taxes[]} and PriceLimit {before_taxes, after_taxes} (types.asciidoc, mod_tariffs
// "PriceLimit") against the internal 2.2.1 Price {excl_vat, incl_vat}.
import { isObj } from '../fields';

export interface TaxAmount {
  name: string;
  account_number?: string;
  percentage?: number;
  amount: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Sums on OCPI's 4-decimal grid (types.asciidoc: numbers use 4 decimals), so 0.1 + 0.2 stays 0.3. */
export function sum4(...values: number[]): number {
  return values.reduce((acc, v) => acc + Math.round(v * 10_000), 0) / 10_000;
}

/**
 * 2.3.0 → internal. incl_vat = before_taxes + every tax amount: `taxes` lists all taxes relevant to the receiver,
 * so an empty or missing list means none apply. The list itself is kept (unknown field) for 2.3.0 receivers.
 */
export function priceToInternal(price: unknown): unknown {
  if (!isObj(price) || num(price.before_taxes) === undefined) return price; // validation names what is wrong
  const { before_taxes, taxes, ...rest } = price;
  const amounts = Array.isArray(taxes) ? taxes.map((t) => (isObj(t) ? (num(t.amount) ?? 0) : 0)) : [];
  return {
    ...rest,
    excl_vat: before_taxes,
    incl_vat: sum4(before_taxes as number, ...amounts),
    ...(Array.isArray(taxes) ? { taxes } : {}),
  };
}

/**
 * internal → 2.3.0. A price that came from 2.3.0 gets its own tax list back. One from 2.2.1 or 2.1.1 only knows
 * the VAT total: it becomes one tax named "VAT" of incl_vat − excl_vat (percentage unknown, so omitted); without
 * incl_vat the taxes are unknown and `taxes` is left out.
 */
export function priceFromInternal(price: unknown): unknown {
  if (!isObj(price) || num(price.excl_vat) === undefined) return price;
  const { excl_vat, incl_vat, taxes, ...rest } = price;
  if (Array.isArray(taxes)) return { ...rest, before_taxes: excl_vat, taxes };
  const incl = num(incl_vat);
  const amount = incl === undefined ? 0 : sum4(incl, -(excl_vat as number));
  const vat: TaxAmount[] | undefined = amount === 0 ? undefined : [{ name: 'VAT', amount }];
  return { ...rest, before_taxes: excl_vat, ...(vat ? { taxes: vat } : {}) };
}

/** 2.3.0 PriceLimit → internal Price: the same two amounts under their 2.2.1 names. */
export function limitToInternal(limit: unknown): unknown {
  if (!isObj(limit)) return limit;
  const { before_taxes, after_taxes, ...rest } = limit;
  return {
    ...rest,
    excl_vat: before_taxes,
    ...(after_taxes === undefined || after_taxes === null ? {} : { incl_vat: after_taxes }),
  };
}

/** internal Price → 2.3.0 PriceLimit (a tariff's min_price/max_price). */
export function limitFromInternal(price: unknown): unknown {
  if (!isObj(price)) return price;
  const { excl_vat, incl_vat, taxes: _taxes, ...rest } = price;
  return {
    ...rest,
    before_taxes: excl_vat,
    ...(incl_vat === undefined || incl_vat === null ? {} : { after_taxes: incl_vat }),
  };
}
