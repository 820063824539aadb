// Tariffs for 2.2.1 receivers: 2.2.1 PriceComponent.price is always excl. VAT, so a tariff a 2.3.0 CPO sent with
// `tax_included: "YES"` gets its prices taken back to before VAT where the component states its VAT percentage.
import { sum4 } from '../v230/price';
import { isObj, outbound, type Lost, type Obj } from '../fields';

/** price incl. VAT → excl. VAT on OCPI's 4-decimal grid; undefined when the component has no VAT to take off. */
function beforeVat(component: Obj): number | undefined {
  if (typeof component.price !== 'number' || typeof component.vat !== 'number') return undefined;
  return sum4(component.price / (1 + component.vat / 100));
}

/** Prices incl. taxes without a VAT percentage cannot be stated excl. VAT: kept as they are, and counted. */
function pricesBeforeVat(elements: unknown, at: string, lost: Lost): unknown {
  if (!Array.isArray(elements)) return elements;
  let unknownVat = false;
  const out = elements.map((e) => {
    if (!isObj(e) || !Array.isArray(e.price_components)) return e;
    const price_components = e.price_components.map((c) => {
      if (!isObj(c)) return c;
      const price = beforeVat(c);
      if (price === undefined) unknownVat = true;
      return price === undefined ? c : { ...c, price };
    });
    return { ...e, price_components };
  });
  if (unknownVat) lost(`${at}tax_included`);
  return out;
}

/** A Price carries nothing but excl_vat/incl_vat in 2.2.1: a 2.3.0 tax list is left out (its total is incl_vat). */
export function priceTo221(price: unknown, at: string, lost: Lost): unknown {
  if (!isObj(price) || !('taxes' in price)) return price;
  const { taxes, ...rest } = price;
  if (Array.isArray(taxes) && taxes.length) lost(`${at}.taxes`);
  return rest;
}

export function tariffTo221(tariff: unknown, at: string, lost: Lost): unknown {
  if (!isObj(tariff)) return tariff;
  const { tax_included, preauthorize_amount, ...out } = tariff;
  if (preauthorize_amount !== undefined && preauthorize_amount !== null) lost(`${at}preauthorize_amount`);
  if (tax_included === 'YES') out.elements = pricesBeforeVat(out.elements, at, lost);
  for (const f of ['min_price', 'max_price']) if (out[f] !== undefined) out[f] = priceTo221(out[f], `${at}${f}`, lost);
  return out;
}

export const tariffs = outbound((_kind, t, lost) => tariffTo221(t, '', lost));
