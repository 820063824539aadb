// Proxy URLs: hub URLs that stand for a URL at another party (a page Link, a CDR Location, a response_url),
// usable only by the party they were issued to, forwarded with the other party's token.
import { randomBytes } from 'node:crypto';
import mongoose, { Schema, type Types } from 'mongoose';
import { config } from '../config';
import type { PartyRef } from '../ocpi/routing';

export const PROXY_PATH = '/ocpi/2.2.1/proxy';
export type ProxyKind = 'link' | 'location' | 'response_url';

export interface ProxyDoc {
  _id: string;
  kind: ProxyKind;
  module: string;
  url: string;
  issued_to: Types.ObjectId; // the platform that may call the proxy
  forward_to: Types.ObjectId; // the platform whose URL it stands for (its token is used)
  from: PartyRef; // routing headers of the forwarded call
  to: PartyRef;
  once: boolean; // a response_url lives until its result arrives
  expires_at: Date;
  /** A command's response_url: when the CPO's announced timeout runs out without a result (commands mod: timeout). */
  timeout_at?: Date;
}

const ProxySchema = new Schema<ProxyDoc>(
  {
    _id: String,
    kind: String,
    module: String,
    url: String,
    issued_to: Schema.Types.ObjectId,
    forward_to: Schema.Types.ObjectId,
    from: { country_code: String, party_id: String },
    to: { country_code: String, party_id: String },
    once: Boolean,
    expires_at: Date,
    timeout_at: Date,
  },
  { versionKey: false, collection: 'proxies' },
);
ProxySchema.index({ expires_at: 1 }); // for the retention purge job (no TTL index: see README)

export const ProxyModel = mongoose.model<ProxyDoc>('Proxy', ProxySchema);

const LIFETIME_MS: Record<ProxyKind, () => number> = {
  link: () => config.pageLinkTtlMinutes * 60_000,
  response_url: () => 24 * 3600_000,
  location: () => config.retentionDays * 24 * 3600_000,
};

/** Issues a proxy and returns its hub URL. */
export async function issueProxy(p: Omit<ProxyDoc, '_id' | 'expires_at' | 'once'>): Promise<string> {
  const id = randomBytes(18).toString('base64url');
  await ProxyModel.create({
    ...p,
    _id: id,
    once: p.kind === 'response_url',
    expires_at: new Date(Date.now() + LIFETIME_MS[p.kind]()),
  });
  return `${config.publicUrl}${PROXY_PATH}/${id}`;
}

export async function findProxy(id: string): Promise<ProxyDoc | null> {
  return ProxyModel.findOne({ _id: id, expires_at: { $gt: new Date() } }).lean<ProxyDoc>();
}

/** A response_url proxy dies once its result was delivered. */
export const retireProxy = (id: string) => ProxyModel.updateOne({ _id: id }, { $set: { expires_at: new Date() } });

/** Starts the clock of a command's response_url: the CPO said its result comes within `seconds`. */
export async function armTimeout(proxyUrl: string, seconds: number): Promise<void> {
  const id = proxyUrl.slice(proxyUrl.lastIndexOf('/') + 1);
  await ProxyModel.updateOne(
    { _id: id, kind: 'response_url' },
    { $set: { timeout_at: new Date(Date.now() + seconds * 1000) } },
  );
}
