// Nothing lost in silence: every field the version boundary drops is counted per platform, module and field
// (metric), added up per module on the platform (its admin view), and written to the audit log.
import type { Types } from 'mongoose';
import { recordAudit } from '../audit/log';
import { conversionDropped } from '../observe/metrics';
import { PlatformModel } from '../parties/model';

export interface Loss {
  platform: Types.ObjectId;
  module: string;
  dropped: string[];
  /** What was converted: e.g. 'forward LOC1', 'answer GET', 'relay'. */
  what: string;
  correlationId?: string;
}

export async function countLoss(l: Loss): Promise<void> {
  if (l.dropped.length === 0) return;
  const platform = String(l.platform);
  for (const field of l.dropped) conversionDropped.inc({ platform, module: l.module, field });
  recordAudit({
    action: 'convert',
    platform_id: platform,
    module: l.module,
    correlation_id: l.correlationId,
    outcome: `${l.what}: dropped ${l.dropped.join(', ')}`,
  });
  await PlatformModel.updateOne(
    { _id: l.platform },
    { $inc: { [`conversion_dropped.${l.module}`]: l.dropped.length } },
  );
}
