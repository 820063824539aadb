// Who is connected: one document per platform (a party's backend), with its roles, endpoints and sealed tokens.
import mongoose, { Schema, type Types } from 'mongoose';

export const ROLE_STATUSES = ['PLANNED', 'CONNECTED', 'OFFLINE', 'SUSPENDED'] as const;
export type RoleStatus = (typeof ROLE_STATUSES)[number];

export interface RoleEntry {
  role: string;
  country_code: string;
  party_id: string;
  status: RoleStatus;
  /** When the status last changed: ClientInfo.last_updated. */
  status_at?: Date;
  business_details?: unknown;
}

export interface Platform {
  _id: Types.ObjectId;
  name: string;
  roles: RoleEntry[];
  declared_roles: RoleEntry[];
  version?: string;
  versions_url?: string;
  endpoints: { identifier: string; role: 'SENDER' | 'RECEIVER'; url: string }[];
  registered: boolean;
  suspended: boolean;
  active: boolean;
  token_a_index?: string;
  token_c_index?: string;
  /** A Token C the hub is offering in its own credentials POST/PUT, valid until the party has answered. */
  token_c_pending_index?: string;
  token_c_sealed?: string;
  token_b_sealed?: string;
  token_encoding: 'base64' | 'raw';
  /** How the party last sent its token in the Authorization header (the onboarding check reports it). */
  token_sent_as?: 'base64' | 'raw';
  /** Public JWKs the party registered: it signs its requests (signing), the hub encrypts to it (encryption). */
  keys?: { signing?: Record<string, unknown>; encryption?: Record<string, unknown> };
  /** Delivery policy overrides by module ('*' for all): see outbox/policy.ts. */
  delivery?: Record<string, Partial<{ max_attempts: number; max_age_hours: number; when_offline: 'wait' | 'drop' }>>;
  /** IANA time zone given to this party's locations that carry none (2.1.1 has it optional, 2.2.1 requires it). */
  default_time_zone?: string;
  /** Fields dropped at the version boundary for or from this platform, counted per module. */
  conversion_dropped?: Record<string, number>;
  last_seen_at?: Date;
  /**
   * The onboarding check (HUB_ONBOARDING_CHECK): `held` keeps the roles PLANNED until a check passes or the operator
   * accepts.
   */
  onboarding?: {
    state?: 'held' | 'passed' | 'accepted';
    verdict?: 'pass' | 'warn' | 'fail';
    checked_at?: Date;
    accepted_at?: Date;
  };
  deleted_at?: Date;
  created_at: Date;
  updated_at: Date;
}

const RoleEntrySchema = new Schema<RoleEntry>(
  {
    role: { type: String, required: true },
    country_code: { type: String, required: true },
    party_id: { type: String, required: true },
    status: { type: String, enum: ROLE_STATUSES, default: 'PLANNED' },
    status_at: { type: Date, default: () => new Date() },
    business_details: { type: Schema.Types.Mixed },
  },
  { _id: false },
);

const EndpointEntry = new Schema({ identifier: String, role: String, url: String }, { _id: false });

const PlatformSchema = new Schema<Platform>(
  {
    name: { type: String, required: true },
    // In force: what the party registered with (or, before registration, what the operator declared).
    roles: { type: [RoleEntrySchema], default: [] },
    // What the operator declared last; becomes `roles` at the party's next credentials POST or PUT.
    declared_roles: { type: [RoleEntrySchema], default: [] },
    version: String,
    versions_url: String,
    endpoints: { type: [EndpointEntry], default: [] },
    registered: { type: Boolean, default: false },
    suspended: { type: Boolean, default: false },
    active: { type: Boolean, default: true }, // false once the operator deleted it: final
    // Secrets: blind indexes for lookup, sealed copies where the hub must use or show them again.
    token_a_index: String,
    token_c_index: String,
    token_c_pending_index: String,
    token_c_sealed: String,
    token_b_sealed: String,
    token_encoding: { type: String, enum: ['base64', 'raw'], default: 'base64' },
    token_sent_as: { type: String, enum: ['base64', 'raw'] },
    keys: { signing: Schema.Types.Mixed, encryption: Schema.Types.Mixed },
    delivery: Schema.Types.Mixed,
    default_time_zone: String,
    conversion_dropped: Schema.Types.Mixed,
    last_seen_at: Date,
    onboarding: { state: String, verdict: String, checked_at: Date, accepted_at: Date },
    deleted_at: Date,
  },
  { timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' }, versionKey: false },
);

PlatformSchema.index({ token_a_index: 1 }, { unique: true, sparse: true });
PlatformSchema.index({ token_c_index: 1 }, { unique: true, sparse: true });
PlatformSchema.index({ token_c_pending_index: 1 }, { unique: true, sparse: true });
// Each (role, country_code, party_id) belongs to one live platform (credentials: roles are unique).
PlatformSchema.index(
  { 'roles.role': 1, 'roles.country_code': 1, 'roles.party_id': 1 },
  { unique: true, partialFilterExpression: { active: true } },
);

export const PlatformModel = mongoose.model<Platform>('Platform', PlatformSchema);
