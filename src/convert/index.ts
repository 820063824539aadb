// The version boundary's registry: which converter turns a module's bodies between a partner's version and the
// hub's internal form. 2.2.1 is the internal form, so its converter is the identity.
import type { ConvertContext, Converted, ModuleConverter, OcpiVersion } from './types';
import { cdrs as cdrs211 } from './v211/cdrs';
import { commands as commands211 } from './v211/commands';
import { locations as locations211 } from './v211/locations';
import { sessions as sessions211 } from './v211/sessions';
import { tariffs as tariffs211 } from './v211/tariffs';
import { tokens as tokens211 } from './v211/tokens';

export type { ConvertContext, Converted, ModuleConverter, OcpiVersion } from './types';
export { Unconvertible } from './errors';

const identity: ModuleConverter = {
  toInternal: (_kind, body) => ({ value: body, dropped: [] }),
  fromInternal: (_kind, body) => ({ value: body, dropped: [] }),
};

/** Converters per version and module id; a module a version does not list passes through unchanged. */
const registry: Record<OcpiVersion, Record<string, ModuleConverter>> = {
  '2.1.1': { locations: locations211, sessions: sessions211, cdrs: cdrs211, tariffs: tariffs211, tokens: tokens211, commands: commands211 },
  '2.2.1': {},
  '2.3.0': {},
};

export function converterFor(version: OcpiVersion, module: string): ModuleConverter {
  return registry[version][module] ?? identity;
}

export function toInternal(version: OcpiVersion, module: string, kind: string, body: unknown, ctx: ConvertContext = {}): Converted {
  return converterFor(version, module).toInternal(kind, body, ctx);
}

export function fromInternal(version: OcpiVersion, module: string, kind: string, body: unknown, ctx: ConvertContext = {}): Converted {
  return converterFor(version, module).fromInternal(kind, body, ctx);
}
