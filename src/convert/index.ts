// The version boundary's registry: which converter turns a module's bodies between a partner's version and the
// hub's internal form (2.2.1 as a superset). 2.2.1 bodies enter unchanged; 2.2.1 receivers get what 2.2.1 can carry.
import type { ConvertContext, Converted, ModuleConverter, OcpiVersion } from './types';
import { cdrs as cdrs211 } from './v211/cdrs';
import { commands as commands211 } from './v211/commands';
import { locations as locations211 } from './v211/locations';
import { sessions as sessions211 } from './v211/sessions';
import { tariffs as tariffs211 } from './v211/tariffs';
import { tokens as tokens211 } from './v211/tokens';
import { cdrs as cdrs221 } from './v221/cdrs';
import { locations as locations221 } from './v221/locations';
import { sessions as sessions221 } from './v221/sessions';
import { tariffs as tariffs221 } from './v221/tariffs';
import { tokens as tokens221 } from './v221/tokens';
import { cdrs as cdrs230 } from './v230/cdrs';
import { sessions as sessions230 } from './v230/sessions';
import { tariffs as tariffs230 } from './v230/tariffs';

export type { ConvertContext, Converted, ModuleConverter, OcpiVersion } from './types';
export { Unconvertible } from './errors';

const identity: ModuleConverter = {
  toInternal: (_kind, body) => ({ value: body, dropped: [] }),
  fromInternal: (_kind, body) => ({ value: body, dropped: [] }),
};

/** Converters per version and module id; a module a version does not list passes through unchanged. */
const registry: Record<OcpiVersion, Record<string, ModuleConverter>> = {
  '2.1.1': {
    locations: locations211,
    sessions: sessions211,
    cdrs: cdrs211,
    tariffs: tariffs211,
    tokens: tokens211,
    commands: commands211,
  },
  // 2.2.1 bodies enter unchanged; what 2.3.0 senders added leaves for 2.2.1 receivers only where 2.2.1 can carry it.
  '2.2.1': { locations: locations221, tariffs: tariffs221, sessions: sessions221, cdrs: cdrs221, tokens: tokens221 },
  // 2.3.0 locations, tokens and commands are the internal form (its OpenEnums kept): identity.
  '2.3.0': { tariffs: tariffs230, sessions: sessions230, cdrs: cdrs230 },
};

export function converterFor(version: OcpiVersion, module: string): ModuleConverter {
  return registry[version][module] ?? identity;
}

export function toInternal(
  version: OcpiVersion,
  module: string,
  kind: string,
  body: unknown,
  ctx: ConvertContext = {},
): Converted {
  return converterFor(version, module).toInternal(kind, body, ctx);
}

export function fromInternal(
  version: OcpiVersion,
  module: string,
  kind: string,
  body: unknown,
  ctx: ConvertContext = {},
): Converted {
  return converterFor(version, module).fromInternal(kind, body, ctx);
}
