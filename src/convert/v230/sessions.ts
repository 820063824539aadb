// Sessions between OCPI 2.3.0 and the internal form: only the Price of total_cost differs (types.asciidoc Price).
import type { ModuleConverter } from '../types';
import { each, mapFields } from '../fields';
import { priceFromInternal, priceToInternal } from './price';

const COSTS = ['total_cost'] as const;

export const sessions: ModuleConverter = {
  toInternal: (_kind, body) => ({ value: each(body, (s) => mapFields(s, COSTS, priceToInternal)), dropped: [] }),
  fromInternal: (_kind, body) => ({ value: each(body, (s) => mapFields(s, COSTS, priceFromInternal)), dropped: [] }),
};
