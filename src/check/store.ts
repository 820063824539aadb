// The latest check report per platform, in its own collection (the platforms collection, read by routing, stays
// small); only a summary (verdict, time) is kept on the platform.
import mongoose, { Schema, type Types } from 'mongoose';
import type { Report } from './report';

interface StoredReport {
  platform_id: Types.ObjectId;
  at: Date;
  report: Report;
}

const CheckReportSchema = new Schema<StoredReport>(
  {
    platform_id: { type: Schema.Types.ObjectId, required: true, unique: true },
    at: { type: Date, required: true },
    report: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false },
);

export const CheckReportModel = mongoose.model<StoredReport>('CheckReport', CheckReportSchema);

export async function saveReport(platformId: Types.ObjectId, report: Report): Promise<void> {
  await CheckReportModel.updateOne({ platform_id: platformId }, { $set: { at: new Date(), report } }, { upsert: true });
}

export async function latestReport(platformId: Types.ObjectId): Promise<Report | undefined> {
  const doc = await CheckReportModel.findOne({ platform_id: platformId }).lean<StoredReport>();
  return doc?.report;
}

export const dropReport = (platformId: Types.ObjectId) => CheckReportModel.deleteOne({ platform_id: platformId });
