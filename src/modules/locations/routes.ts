// locations module: the hub's Receiver (CPOs push locations, EVSEs, connectors) and Sender (GET-All, GET by id).
import { z } from 'zod';
import { invalidParameters } from '../../ocpi/errors';
import { PageQuery } from '../../ocpi/pagination';
import { partyKey } from '../../ocpi/routing';
import { ciString, CountryCode, PartyId } from '../../ocpi/types';
import { assertId } from '../../ocpi/validate';
import { visibleFilter } from '../../policy/visibility';
import { readerRoles } from '../../policy/roles';
import { route, type Context, type ModuleDef } from '../../pipeline/types';
import { publishRules } from './publish';
import { changeConnector, changeEvse, findConnector, findEvse, unknownLocation } from './nested';
import { changeInside, hasEvse, replaceLocation, type Params } from './change';
import { Connector, ConnectorPatch, Evse, EvsePatch, Location, LocationPatch } from './schema';
import { findLocations, locationKey, locations } from './store';

const LocationParams = z.object({ country_code: CountryCode, party_id: PartyId, location_id: ciString(36) });
const EvseParams = LocationParams.extend({ evse_uid: ciString(36) });
const ConnectorParams = EvseParams.extend({ connector_id: ciString(36) });
type Obj = Record<string, unknown>;

const LOC = '/:country_code/:party_id/:location_id';

async function ownedLocation(ctx: Context<Params>): Promise<Obj> {
  const doc = await locations.get({ key: locationKey(partyKey(ctx.params), ctx.params.location_id) });
  if (!doc) throw unknownLocation(ctx.params.location_id);
  return locations.decode(doc);
}

export const locationsModule: ModuleDef = {
  identifier: 'locations',
  routes: {
    RECEIVER: [
      route({
        method: 'GET',
        path: LOC,
        params: LocationParams,
        handle: async (ctx) => ({ data: await ownedLocation(ctx) }),
      }),
      route({
        method: 'GET',
        path: `${LOC}/:evse_uid`,
        params: EvseParams,
        handle: async (ctx) => ({ data: findEvse(await ownedLocation(ctx), ctx.params.evse_uid) }),
      }),
      route({
        method: 'GET',
        path: `${LOC}/:evse_uid/:connector_id`,
        params: ConnectorParams,
        handle: async (ctx) => ({
          data: findConnector(await ownedLocation(ctx), ctx.params.evse_uid, ctx.params.connector_id),
        }),
      }),
      route({
        method: 'PUT',
        path: LOC,
        params: LocationParams,
        body: Location,
        handle: replaceLocation,
      }),
      route({
        method: 'PUT',
        path: `${LOC}/:evse_uid`,
        params: EvseParams,
        body: Evse,
        handle: (ctx) => {
          assertId(ctx.body, 'uid', ctx.params.evse_uid, 'evse_uid');
          return changeInside(ctx, (l) => ({
            created: !hasEvse(l, ctx.params.evse_uid),
            object: changeEvse(l, ctx.params.evse_uid, ctx.body, false),
          }));
        },
      }),
      route({
        method: 'PUT',
        path: `${LOC}/:evse_uid/:connector_id`,
        params: ConnectorParams,
        body: Connector,
        handle: (ctx) => {
          assertId(ctx.body, 'id', ctx.params.connector_id, 'connector_id');
          const { evse_uid, connector_id } = ctx.params;
          return changeInside(ctx, (l) => {
            const created = !(findEvse(l, evse_uid).connectors as Obj[] | undefined)?.some(
              (c) => String(c.id).toUpperCase() === connector_id.toUpperCase(),
            );
            return { created, object: changeConnector(l, evse_uid, connector_id, ctx.body, false) };
          });
        },
      }),
      route({
        method: 'PATCH',
        path: LOC,
        params: LocationParams,
        body: LocationPatch,
        handle: (ctx) => {
          assertId(ctx.body, 'id', ctx.params.location_id, 'location_id');
          return changeInside(ctx, (l) => ({ created: false, object: { ...l, ...ctx.body } }));
        },
      }),
      route({
        method: 'PATCH',
        path: `${LOC}/:evse_uid`,
        params: EvseParams,
        body: EvsePatch,
        handle: (ctx) => {
          assertId(ctx.body, 'uid', ctx.params.evse_uid, 'evse_uid');
          return changeInside(ctx, (l) => ({
            created: false,
            object: changeEvse(l, ctx.params.evse_uid, ctx.body, true),
          }));
        },
      }),
      route({
        method: 'PATCH',
        path: `${LOC}/:evse_uid/:connector_id`,
        params: ConnectorParams,
        body: ConnectorPatch,
        handle: (ctx) => {
          assertId(ctx.body, 'id', ctx.params.connector_id, 'connector_id');
          return changeInside(ctx, (l) => ({
            created: false,
            object: changeConnector(l, ctx.params.evse_uid, ctx.params.connector_id, ctx.body, true),
          }));
        },
      }),
    ],
    SENDER: [
      route({
        method: 'GET',
        path: '/',
        query: PageQuery,
        callers: readerRoles('locations'),
        handle: async (ctx) => {
          const rules = await publishRules(ctx.acting);
          return { page: { store: locations, narrow: rules.filter, present: rules.present } };
        },
      }),
      route({
        method: 'GET',
        path: '/:location_id',
        params: z.object({ location_id: ciString(36) }),
        handle: async (ctx) => ({ data: await visibleLocation(ctx) }),
      }),
      route({
        method: 'GET',
        path: '/:location_id/:evse_uid',
        params: z.object({ location_id: ciString(36), evse_uid: ciString(36) }),
        handle: async (ctx) => ({ data: findEvse(await visibleLocation(ctx), ctx.params.evse_uid) }),
      }),
      route({
        method: 'GET',
        path: '/:location_id/:evse_uid/:connector_id',
        params: z.object({ location_id: ciString(36), evse_uid: ciString(36), connector_id: ciString(36) }),
        handle: async (ctx) => ({
          data: findConnector(await visibleLocation(ctx), ctx.params.evse_uid, ctx.params.connector_id),
        }),
      }),
    ],
  },
};

async function visibleLocation(ctx: Context<{ location_id: string }>): Promise<Obj> {
  const rules = await publishRules(ctx.acting);
  const found = await findLocations(
    { $and: [await visibleFilter(ctx, 'locations'), rules.filter] },
    ctx.params.location_id,
  );
  if (found.length === 0) throw unknownLocation(ctx.params.location_id);
  if (found.length > 1)
    throw invalidParameters(`location id ${ctx.params.location_id} is used by several CPOs: name one with OCPI-to-*`);
  return rules.present(locations.decode(found[0]!));
}
