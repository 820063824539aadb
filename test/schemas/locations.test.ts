import {
  Connector,
  ConnectorPatch,
  Evse,
  EvsePatch,
  Location,
  LocationPatch,
  PublishTokenType,
} from '../../src/modules/locations/schema';
import { AT, aConnector, aLocation, anEvse, issuePaths, without } from '../builders';

describe('Location', () => {
  it('when the builder output is parsed then it is accepted unchanged', () => {
    expect(Location.parse(aLocation())).toEqual(aLocation());
  });

  it('when a required field is missing then the issue names it', () => {
    expect(issuePaths(Location, without(aLocation(), 'time_zone'))).toEqual(['time_zone']);
  });

  it('when address exceeds 255 characters then the issue names it', () => {
    expect(issuePaths(Location, aLocation({ address: 'x'.repeat(255) }))).toEqual([]);
    expect(issuePaths(Location, aLocation({ address: 'x'.repeat(256) }))).toEqual(['address']);
  });

  it('when a nested enum is bad then the issue path leads to it', () => {
    const evse = anEvse({ connectors: [aConnector({ standard: 'TYPE2' as never })] });
    expect(issuePaths(Location, aLocation({ evses: [evse] }))).toEqual(['evses.0.connectors.0.standard']);
  });

  it('when last_updated is not a real date then the issue names it', () => {
    expect(issuePaths(Location, aLocation({ last_updated: '2024-13-01T00:00:00Z' }))).toEqual(['last_updated']);
  });

  it('when coordinates have too few decimals then the issue names them', () => {
    const location = aLocation({ coordinates: { latitude: '52.09', longitude: '5.1331700' } });
    expect(issuePaths(Location, location)).toEqual(['coordinates.latitude']);
  });

  it('when unknown fields appear at any depth then they survive parsing', () => {
    const evse = { ...anEvse(), x_floor_map: 'B2' };
    const parsed = Location.parse({ ...aLocation({ evses: [evse] }), x_partner_ref: { a: 1 } });
    expect(parsed.x_partner_ref).toEqual({ a: 1 });
    expect(parsed.evses?.[0]?.x_floor_map).toBe('B2');
  });

  it('when last_updated ends in +00:00 then it is read as UTC and written with Z', () => {
    expect(Location.parse(aLocation({ last_updated: '2025-06-02T08:15:00+00:00' })).last_updated).toBe(
      '2025-06-02T08:15:00Z',
    );
  });

  it('when opening hours are not 24/7 and have no regular hours then the issue names regular_hours', () => {
    const location = aLocation({ opening_times: { twentyfourseven: false } });
    expect(issuePaths(Location, location)).toEqual(['opening_times.regular_hours']);
  });

  it('when an EVSE has no connectors then the issue names connectors', () => {
    expect(issuePaths(Evse, anEvse({ connectors: [] }))).toEqual(['connectors']);
  });

  it('when a connector has a fractional voltage then the issue names it', () => {
    expect(issuePaths(Connector, aConnector({ max_voltage: 230.5 }))).toEqual(['max_voltage']);
  });
});

describe('PublishTokenType', () => {
  it('when none of uid, visual_number, group_id is set then it is refused', () => {
    expect(issuePaths(PublishTokenType, { issuer: 'Maxplug' })).toEqual(['uid']);
  });

  it('when uid lacks type or visual_number lacks issuer then the missing partner is named', () => {
    expect(issuePaths(PublishTokenType, { uid: '04A3B2C91F6E80' })).toEqual(['type']);
    expect(issuePaths(PublishTokenType, { visual_number: 'DE-MXP-1234' })).toEqual(['issuer']);
    expect(issuePaths(PublishTokenType, { group_id: 'FLEET-7' })).toEqual([]);
  });
});

describe('Location, EVSE and Connector PATCH', () => {
  it('when a PATCH carries only last_updated and a status then it is accepted', () => {
    expect(EvsePatch.parse({ status: 'CHARGING', last_updated: AT })).toEqual({ status: 'CHARGING', last_updated: AT });
  });

  it.each([
    ['Location', LocationPatch, { name: 'Garage Biltstraat' }],
    ['EVSE', EvsePatch, { status: 'CHARGING' }],
    ['Connector', ConnectorPatch, { max_amperage: 16 }],
  ] as const)('when a %s PATCH lacks last_updated then it is refused', (_name, schema, body) => {
    expect(issuePaths(schema, body)).toEqual(['last_updated']);
  });

  it('when a PATCH field is invalid then it is refused like in PUT', () => {
    expect(issuePaths(LocationPatch, { city: 'x'.repeat(46), last_updated: AT })).toEqual(['city']);
    expect(issuePaths(ConnectorPatch, { power_type: 'AC', last_updated: AT })).toEqual(['power_type']);
  });

  it('when a PATCH carries unknown fields then they survive', () => {
    expect(LocationPatch.parse({ x_note: 'kept', last_updated: AT })).toEqual({ x_note: 'kept', last_updated: AT });
  });
});
