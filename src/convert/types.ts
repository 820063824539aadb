// The version boundary's shapes: what every converter between a partner's OCPI version and the hub's internal
// form (2.2.1 as a superset) takes and returns. Pure types; converters live in src/convert/v<version>/.
export type OcpiVersion = '2.1.1' | '2.2.1' | '2.3.0';

/** What a conversion produced and what it could not carry (field paths, e.g. 'evses[].parking_restrictions'). */
export interface Converted<T = unknown> {
  value: T;
  dropped: string[];
}

/** Facts a converter needs that the object itself does not carry (2.1.1 has no owner fields, etc.). */
export interface ConvertContext {
  owner?: { country_code: string; party_id: string }; // the sending connection's party
  defaultTimeZone?: string; // the platform's configured default time zone
  [extra: string]: unknown;
}

/** One module's converters between a partner version and the hub's internal form (2.2.1 superset). */
export interface ModuleConverter {
  /**
   * A partner's body (of `kind`, e.g. 'location', 'evse', 'connector', 'session', 'cdr', 'token', 'tariff',
   * 'command:START_SESSION', 'AuthorizationInfo', ...) into the internal form.
   */
  toInternal(kind: string, body: unknown, ctx: ConvertContext): Converted;
  /** The internal form into what a receiver of this version speaks. */
  fromInternal(kind: string, body: unknown, ctx: ConvertContext): Converted;
}
