// Delivery policy: which answers are final and which are retried, and how long a delivery may keep trying
// (operator defaults, overridable per platform and module with PATCH /admin/platforms/{id} {"delivery": …}).
import { config } from '../config';
import type { Platform } from '../parties/model';

export interface DeliveryPolicy {
  max_attempts: number;
  max_age_hours: number;
  /** While the receiver is OFFLINE: keep its deliveries until it is back (wait), or drop them: it resyncs by GET. */
  when_offline: 'wait' | 'drop';
}

export function policyFor(platform: Platform | undefined, module: string): DeliveryPolicy {
  const own = platform?.delivery ?? {};
  return {
    max_attempts: config.retryMaxAttempts,
    max_age_hours: config.retryMaxAgeHours,
    when_offline: config.offlinePolicy,
    ...own['*'],
    ...own[module],
  };
}

/** What one delivery attempt comes to: acknowledged, refused for good (dead letter), or to be tried again. */
export type DeliveryVerdict = 'delivered' | 'final' | 'retry';

/**
 * The outcome of one attempt. Delivered: HTTP 2xx with an OCPI 1xxx. Final (dead letter at once, retrying cannot
 * help): HTTP 400, 404, 405, 413, 422, or HTTP 2xx with an OCPI 2xxx (the receiver refuses this message).
 * Everything else is retried: no answer, timeouts, refused connections, HTTP 401/403/408/429/5xx, OCPI 3xxx,
 * and answers that are not OCPI at all.
 */
export function classifyAnswer(status: number | undefined, code: number | undefined): DeliveryVerdict {
  if (status === undefined) return 'retry';
  if (status >= 200 && status < 300 && code !== undefined && code >= 1000 && code < 2000) return 'delivered';
  if ([400, 404, 405, 413, 422].includes(status)) return 'final';
  if (status >= 200 && status < 300 && code !== undefined && code >= 2000 && code < 3000) return 'final';
  return 'retry';
}
