// The version boundary's registry: which converter turns a module's bodies between a partner's version and the
// hub's internal form. 2.2.1 is the internal form, so its converter is the identity.
import type { ConvertContext, Converted, ModuleConverter, OcpiVersion } from './types';

export type { ConvertContext, Converted, ModuleConverter, OcpiVersion } from './types';

const identity: ModuleConverter = {
  toInternal: (_kind, body) => ({ value: body, dropped: [] }),
  fromInternal: (_kind, body) => ({ value: body, dropped: [] }),
};

/** Converters per version and module id; a module a version does not list passes through unchanged. */
const registry: Record<OcpiVersion, Record<string, ModuleConverter>> = {
  '2.1.1': {},
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
