// The 2.3.0 converters on objects built after the 2.3.0 spec's examples: Prices and taxes, PriceLimits and
// tax_included, OpenEnum values and new fields, both directions, and what a 2.2.1 receiver is left with.
import { fromInternal, toInternal } from '../../src/convert';
import { priceFromInternal, priceToInternal, sum4 } from '../../src/convert/v230/price';
import { tokenUrlTo221 } from '../../src/convert/v221/tokens';
import { withOpenEnums } from '../../src/ocpi/open-enum';
import { Cdr } from '../../src/modules/cdrs/schema';
import { Location } from '../../src/modules/locations/schema';
import { Session } from '../../src/modules/sessions/schema';
import { Tariff } from '../../src/modules/tariffs/schema';
import { Token } from '../../src/modules/tokens/schema';
import { aCdr, aSession, aTariff } from '../builders';
import {
  aCdr230,
  aLocation230,
  aMaxPriceTariff230,
  aMinPriceTariff230,
  aNorthAmericanTariff230,
  aSessionCostPatch230,
  anEmaidToken230,
} from './examples-230';

/** A 2.3.0 body through the hub: into the internal form, validated as a 2.3.0 sender's, and out to `version`. */
function through(
  module: string,
  kind: string,
  body: unknown,
  schema: { parse: (v: unknown) => unknown },
  version: '2.2.1' | '2.3.0',
) {
  const internal = toInternal('2.3.0', module, kind, body).value;
  withOpenEnums(() => schema.parse(internal));
  return fromInternal(version, module, kind, internal);
}

describe('Price', () => {
  it('when a 2.3.0 price lists taxes then incl_vat is before_taxes plus their amounts, on the 4-decimal grid', () => {
    expect(priceToInternal({ before_taxes: 4.0, taxes: [{ name: 'VAT', amount: 0.4 }] })).toEqual({
      excl_vat: 4,
      incl_vat: 4.4,
      taxes: [{ name: 'VAT', amount: 0.4 }],
    });
    const qc = priceToInternal({
      before_taxes: 0.1,
      taxes: [
        { name: 'GST', percentage: 5, amount: 0.005 },
        { name: 'QST', account_number: '1234567890', percentage: 9.975, amount: 0.01 },
      ],
    });
    expect(qc).toMatchObject({ excl_vat: 0.1, incl_vat: 0.115 });
    expect(sum4(0.1, 0.2)).toBe(0.3);
  });

  it('when a 2.3.0 price lists no taxes then incl_vat equals before_taxes and the price returns as it came', () => {
    expect(priceToInternal({ before_taxes: 2.5 })).toEqual({ excl_vat: 2.5, incl_vat: 2.5 });
    expect(priceFromInternal(priceToInternal({ before_taxes: 2.5 }))).toEqual({ before_taxes: 2.5 });
    expect(priceFromInternal(priceToInternal({ before_taxes: 2.5, taxes: [] }))).toEqual({
      before_taxes: 2.5,
      taxes: [],
    });
  });

  it('when a 2.2.1 price goes to 2.3.0 then its VAT becomes one tax named VAT, and without incl_vat no tax is stated', () => {
    expect(priceFromInternal({ excl_vat: 8.5, incl_vat: 9.35 })).toEqual({
      before_taxes: 8.5,
      taxes: [{ name: 'VAT', amount: 0.85 }],
    });
    expect(priceFromInternal({ excl_vat: 8.5 })).toEqual({ before_taxes: 8.5 });
    expect(priceFromInternal({ excl_vat: 8.5, incl_vat: 8.5 })).toEqual({ before_taxes: 8.5 });
  });
});

describe('CDRs', () => {
  it('when the 2.3.0 example CDR goes to a 2.3.0 eMSP then every cost arrives as it was sent', () => {
    const out = through('cdrs', 'cdr', aCdr230(), Cdr, '2.3.0');
    const sent = aCdr230();
    expect(out.value).toEqual({ ...sent, tariffs: [{ ...sent.tariffs[0], tax_included: 'NO' }] }); // the example's tariff lacks the required field
    expect(out.dropped).toEqual([]);
  });

  it('when the 2.3.0 example CDR goes to a 2.2.1 eMSP then excl_vat/incl_vat are computed and it is a valid 2.2.1 CDR', () => {
    const out = through('cdrs', 'cdr', aCdr230(), Cdr, '2.2.1');
    const cdr = Cdr.parse(out.value);
    expect(cdr.total_cost).toEqual({ excl_vat: 4, incl_vat: 4.4 });
    expect(cdr.total_time_cost).toEqual({ excl_vat: 4, incl_vat: 4.4 });
    expect(out.dropped).toEqual(['total_cost.taxes', 'total_time_cost.taxes']);
  });

  it('when a 2.2.1 CDR goes to a 2.3.0 eMSP then its costs carry before_taxes and taxes, and its tariffs tax_included NO', () => {
    const cdr = aCdr({
      total_cost: { excl_vat: 10, incl_vat: 12.1 },
      total_energy_cost: { excl_vat: 10 },
      tariffs: [aTariff({ min_price: { excl_vat: 1, incl_vat: 1.21 } })],
    });
    const out = fromInternal('2.3.0', 'cdrs', 'cdr', cdr).value as any;
    expect(out.total_cost).toEqual({ before_taxes: 10, taxes: [{ name: 'VAT', amount: 2.1 }] });
    expect(out.total_energy_cost).toEqual({ before_taxes: 10 });
    expect(out.tariffs[0]).toMatchObject({ tax_included: 'NO', min_price: { before_taxes: 1, after_taxes: 1.21 } });
  });

  it('when a 2.3.0 CDR names an MCS or J3400 connector then a 2.2.1 eMSP gets a listed standard, counted', () => {
    const mcs = aCdr230();
    mcs.cdr_location = { ...mcs.cdr_location, connector_standard: 'MCS', connector_power_type: 'DC' };
    expect(through('cdrs', 'cdr', mcs, Cdr, '2.3.0').value).toMatchObject({
      cdr_location: { connector_standard: 'MCS' },
    });
    const out = through('cdrs', 'cdr', mcs, Cdr, '2.2.1');
    expect(Cdr.parse(out.value).cdr_location.connector_standard).toBe('IEC_62196_T2_COMBO');
    expect(out.dropped).toContain('cdr_location.connector_standard');
    const nacs = { ...mcs, cdr_location: { ...mcs.cdr_location, connector_standard: 'SAE_J3400' } };
    expect(Cdr.parse(through('cdrs', 'cdr', nacs, Cdr, '2.2.1').value).cdr_location.connector_standard).toBe('TESLA_S');
  });

  it('when a 2.2.1 sender names MCS then the 2.2.1 schema refuses it (closed 2.2.1 list)', () => {
    const cdr = aCdr();
    expect(Cdr.safeParse({ ...cdr, cdr_location: { ...cdr.cdr_location, connector_standard: 'MCS' } }).success).toBe(
      false,
    );
  });
});

describe('Sessions', () => {
  it('when the 2.3.0 total_cost PATCH passes then 2.3.0 gets it back unchanged and 2.2.1 gets excl_vat/incl_vat', () => {
    const internal = toInternal('2.3.0', 'sessions', 'session', aSessionCostPatch230()).value;
    expect(fromInternal('2.3.0', 'sessions', 'session', internal).value).toEqual(aSessionCostPatch230());
    const out = fromInternal('2.2.1', 'sessions', 'session', internal);
    expect(out.value).toEqual({ total_cost: { excl_vat: 0.6, incl_vat: 0.66 }, last_updated: '2019-06-23T08:11:00Z' });
    expect(out.dropped).toEqual(['total_cost.taxes']);
  });

  it('when a 2.2.1 session goes to 2.3.0 and back then it is unchanged but for the derived tax list', () => {
    const session = aSession({ total_cost: { excl_vat: 8.5, incl_vat: 9.35 } });
    const out = fromInternal('2.3.0', 'sessions', 'session', session).value as any;
    expect(out.total_cost).toEqual({ before_taxes: 8.5, taxes: [{ name: 'VAT', amount: 0.85 }] });
    const back = toInternal('2.3.0', 'sessions', 'session', out).value as any;
    expect(Session.parse(fromInternal('2.2.1', 'sessions', 'session', back).value)).toEqual(session);
  });

  it('when a session of an EMAID token reaches a 2.2.1 eMSP then its token type is OTHER, counted', () => {
    const session = { ...aSession(), cdr_token: { ...aSession().cdr_token, type: 'EMAID' } };
    const out = fromInternal('2.2.1', 'sessions', 'session', session);
    expect(Session.parse(out.value).cdr_token.type).toBe('OTHER');
    expect(out.dropped).toEqual(['cdr_token.type']);
  });
});

describe('Tariffs', () => {
  it('when the PriceLimit examples pass 2.3.0 → 2.3.0 then they arrive unchanged, and 2.2.1 reads them as Prices', () => {
    for (const tariff of [
      aMaxPriceTariff230(),
      aMinPriceTariff230(),
      aNorthAmericanTariff230('NO'),
      aNorthAmericanTariff230('YES'),
    ]) {
      expect(through('tariffs', 'tariff', tariff, Tariff, '2.3.0')).toEqual({ value: tariff, dropped: [] });
    }
    const max = through('tariffs', 'tariff', aMaxPriceTariff230(), Tariff, '2.2.1');
    expect(Tariff.parse(max.value).max_price).toEqual({ excl_vat: 10, incl_vat: 11 });
    expect(max.value).not.toHaveProperty('tax_included');
    expect(max.dropped).toEqual([]);
  });

  it('when a tariff includes taxes and states VAT then a 2.2.1 receiver gets prices before VAT', () => {
    const incl = {
      ...aMaxPriceTariff230(),
      tax_included: 'YES',
      elements: [{ price_components: [{ type: 'ENERGY', price: 0.275, vat: 10.0, step_size: 1 }] }],
    };
    const out = through('tariffs', 'tariff', incl, Tariff, '2.2.1');
    expect(Tariff.parse(out.value).elements[0]?.price_components[0]?.price).toBe(0.25);
    expect(out.dropped).toEqual([]);
  });

  it('when a North American tariff includes taxes without a VAT percentage then 2.2.1 gets the price as is, counted', () => {
    const out = through('tariffs', 'tariff', aNorthAmericanTariff230('YES'), Tariff, '2.2.1');
    expect(Tariff.parse(out.value).elements[0]?.price_components[0]?.price).toBe(2.1);
    expect(out.dropped).toEqual(['tax_included']);
  });

  it('when a 2.2.1 tariff goes to a 2.3.0 partner then it says tax_included NO and its limits are PriceLimits', () => {
    const out = fromInternal(
      '2.3.0',
      'tariffs',
      'tariff',
      aTariff({ max_price: { excl_vat: 10, incl_vat: 12 } }),
    ).value;
    expect(out).toMatchObject({ tax_included: 'NO', max_price: { before_taxes: 10, after_taxes: 12 } });
  });
});

describe('Locations', () => {
  it('when the 2.3.0 location passes 2.3.0 → 2.3.0 then MCS, parking and every new field arrive unchanged', () => {
    expect(through('locations', 'location', aLocation230(), Location, '2.3.0')).toEqual({
      value: aLocation230(),
      dropped: [],
    });
  });

  it('when it reaches a 2.2.1 eMSP then the MCS EVSE is left out, new fields and unlisted values are dropped, each counted', () => {
    const out = through('locations', 'location', aLocation230(), Location, '2.2.1');
    const location = Location.parse(out.value);
    expect(location.evses?.map((e) => e.uid)).toEqual(['3256']);
    expect(location.evses?.[0]?.parking_restrictions).toEqual(['EV_ONLY']);
    expect(location.facilities).toEqual(['PARKING_LOT']);
    expect(location).not.toHaveProperty('parking_places');
    expect(location).not.toHaveProperty('help_phone');
    expect(location.evses?.[0]).not.toHaveProperty('accepted_service_providers');
    expect(location.evses?.[0]).not.toHaveProperty('parking');
    expect(location.evses?.[0]?.connectors[0]).not.toHaveProperty('capabilities');
    expect(out.dropped.sort()).toEqual([
      'evses[]',
      'evses[].accepted_service_providers',
      'evses[].connectors[]',
      'evses[].connectors[].capabilities',
      'evses[].parking',
      'evses[].parking',
      'evses[].parking_restrictions',
      'facilities',
      'help_phone',
      'parking_places',
    ]);
  });

  it('when a single MCS connector or its EVSE is pushed then a 2.2.1 receiver gets nothing, counted', () => {
    const evse = aLocation230().evses[1];
    expect(fromInternal('2.2.1', 'locations', 'evse', evse)).toEqual({
      value: null,
      dropped: ['parking', 'connectors[]', 'evse'],
    });
    expect(fromInternal('2.2.1', 'locations', 'connector', evse.connectors[0])).toEqual({
      value: null,
      dropped: ['connector'],
    });
  });

  it('when a 2.2.1 sender uses a value 2.2.1 does not list then validation still refuses it', () => {
    expect(Location.safeParse(aLocation230()).success).toBe(false);
  });
});

describe('Tokens', () => {
  it('when an EMAID token passes 2.3.0 → 2.3.0 then it is unchanged; a 2.2.1 CPO gets type OTHER, counted', () => {
    expect(through('tokens', 'token', anEmaidToken230(), Token, '2.3.0')).toEqual({
      value: anEmaidToken230(),
      dropped: [],
    });
    const out = through('tokens', 'token', anEmaidToken230(), Token, '2.2.1');
    expect(Token.parse(out.value).type).toBe('OTHER');
    expect(out.dropped).toEqual(['type']);
    const info = fromInternal('2.2.1', 'tokens', 'AuthorizationInfo', { allowed: 'ALLOWED', token: anEmaidToken230() });
    expect(info).toEqual({
      value: { allowed: 'ALLOWED', token: { ...anEmaidToken230(), type: 'OTHER' } },
      dropped: ['token.type'],
    });
    expect(tokenUrlTo221('http://cpo/tokens/DE/TNM/DE8ACC12E46L89?type=EMAID')).toBe(
      'http://cpo/tokens/DE/TNM/DE8ACC12E46L89?type=OTHER',
    );
    expect(tokenUrlTo221('http://cpo/tokens/DE/TNM/04E1?type=RFID')).toBe('http://cpo/tokens/DE/TNM/04E1?type=RFID');
  });
});
