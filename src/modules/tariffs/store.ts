// Tariffs the hub holds (owner CPO).
import { ObjectStore } from '../../db/objects';
import { toInstant } from '../../ocpi/types';
import type { Tariff } from './schema';

export const tariffs = new ObjectStore('tariffs');

export const tariffKey = (owner: string, id: string) => `${owner}*${id.toUpperCase()}`;

export const putTariff = (owner: string, t: Tariff) =>
  tariffs.put(tariffKey(owner, t.id), t, { owner, last_updated: toInstant(t.last_updated) });
