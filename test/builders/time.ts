// The fixed instants every builder uses, so tests never depend on the clock.
export const AT = '2025-06-02T08:15:00Z';
export const EARLIER = '2025-06-02T06:40:00Z';
