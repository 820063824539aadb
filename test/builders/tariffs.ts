// Test builder for Tariffs: a valid object, shallowly overridable.
import type { Tariff } from '../../src/modules/tariffs/schema';
import { AT } from './time';

export function aTariff(overrides: Partial<Tariff> = {}): Tariff {
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id: 'AC-STANDARD',
    currency: 'EUR',
    type: 'REGULAR',
    tariff_alt_text: [{ language: 'nl', text: '€ 0,39 per kWh, na 3 uur € 2,00 per uur extra.' }],
    tariff_alt_url: 'https://voltaplein.example.nl/tarieven',
    elements: [
      { price_components: [{ type: 'ENERGY', price: 0.39, vat: 21, step_size: 1 }] },
      {
        price_components: [{ type: 'TIME', price: 2, vat: 21, step_size: 60 }],
        restrictions: { min_duration: 10800, day_of_week: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] },
      },
    ],
    last_updated: AT,
    ...overrides,
  };
}
