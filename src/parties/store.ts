// Queries on platforms: with platform-tokens.ts (re-exported here, so callers import one file), the only code
// that reads or writes the platforms collection.
import type { Types } from 'mongoose';
import { config } from '../config';
import { seal } from '../crypto/seal';
import { newToken } from '../crypto/tokens';
import { afterWrite, invalidateDirectory } from './directory';
import { PlatformModel, type Platform, type RoleEntry, type RoleStatus } from './model';
import { indexA, indexC } from './tokens';

export type { Platform, RoleEntry, RoleStatus };
export {
  expectTokenA,
  expectTokenC,
  issueTokenA,
  offerTokenC,
  saveTokens,
  tokenB,
  tokenC,
  withdrawTokenC,
} from './platform-tokens';
export { findByToken, type TokenHolder, type TokenKind } from './tokens';
export interface DeclaredRole {
  role: string;
  country_code: string;
  party_id: string;
}

export const roleKey = (r: DeclaredRole) => `${r.role}:${r.country_code.toUpperCase()}:${r.party_id.toUpperCase()}`;
const normalize = (roles: DeclaredRole[]) =>
  roles.map((r) => ({ role: r.role, country_code: r.country_code.toUpperCase(), party_id: r.party_id.toUpperCase() }));

/** Another live platform already holding or declaring one of these roles, if any. */
export async function findRoleConflict(roles: DeclaredRole[], exceptId?: Types.ObjectId): Promise<string | undefined> {
  const wanted = new Set(roles.map(roleKey));
  const others = await PlatformModel.find(
    { active: true, ...(exceptId ? { _id: { $ne: exceptId } } : {}) },
    { roles: 1, declared_roles: 1 },
  ).lean();
  for (const other of others) {
    const taken = [...other.roles, ...other.declared_roles].find((r) => wanted.has(roleKey(r)));
    if (taken) return roleKey(taken);
  }
  return undefined;
}

export async function createPlatform(
  name: string,
  roles: DeclaredRole[],
): Promise<{ platform: Platform; tokenA: string }> {
  const tokenA = newToken();
  const declared = normalize(roles).map((r) => ({ ...r, status: 'PLANNED' as const }));
  const onboarding = config.onboardingCheck === 'required' ? { state: 'held' as const } : undefined;
  const doc = await PlatformModel.create({
    name,
    roles: declared,
    declared_roles: declared,
    token_a_index: indexA(tokenA),
    onboarding,
  });
  invalidateDirectory();
  return { platform: doc.toObject(), tokenA };
}

export const getPlatform = (id: string) => PlatformModel.findById(id).lean<Platform>();
export const listPlatforms = () => PlatformModel.find().sort({ created_at: 1 }).lean<Platform[]>();

export interface Connection {
  version: string;
  versions_url: string;
  endpoints: { identifier: string; role: string; url: string }[];
  tokenB: string; // what the hub presents to the party
  tokenC: string; // what the party presents to the hub
  roles: (DeclaredRole & { business_details?: unknown })[];
  /** How the party reads tokens, when the handshake found out (2.1.1 parties: raw). */
  token_encoding?: 'base64' | 'raw';
}

/**
 * Records a completed handshake. `expect` guards the write (e.g. the Token A used is still the current
 * one), so two concurrent registrations with one token cannot both succeed. Returns null if it lost.
 */
export async function saveConnection(
  id: Types.ObjectId,
  c: Connection,
  expect: Record<string, unknown> = {},
): Promise<Platform | null> {
  // A platform held for its onboarding check registers, but stays out of routing (PLANNED) until released.
  const held = await PlatformModel.exists({ _id: id, 'onboarding.state': 'held' });
  const status = held ? 'PLANNED' : 'CONNECTED';
  const roles = c.roles.map((r) => ({
    ...normalize([r])[0],
    business_details: r.business_details,
    status,
    status_at: new Date(),
  }));
  const saved = await afterWrite(
    PlatformModel.findOneAndUpdate(
      { _id: id, active: true, ...expect },
      {
        $set: {
          version: c.version,
          versions_url: c.versions_url,
          endpoints: c.endpoints,
          roles,
          registered: true,
          token_b_sealed: seal(c.tokenB),
          token_c_sealed: seal(c.tokenC),
          token_c_index: indexC(c.tokenC),
          last_seen_at: new Date(),
          ...(c.token_encoding ? { token_encoding: c.token_encoding } : {}),
        },
        $unset: { token_a_index: 1, token_c_pending_index: 1 },
      },
      { returnDocument: 'after' },
    ).lean<Platform>(),
  );
  if (saved) for (const listener of connectedListeners) listener(saved);
  return saved;
}

const connectedListeners: ((p: Platform) => void)[] = [];
/** Called after every completed handshake (the onboarding check runs then, when configured). */
export const onConnected = (listener: (p: Platform) => void) => connectedListeners.push(listener);

/** Ends a registration: tokens forgotten both ways, roles SUSPENDED; `final` when the operator deleted it. */
export async function endConnection(id: Types.ObjectId, final: boolean): Promise<Platform | null> {
  return afterWrite(
    PlatformModel.findOneAndUpdate(
      { _id: id },
      {
        $set: {
          registered: false,
          'roles.$[].status': 'SUSPENDED',
          'roles.$[].status_at': new Date(),
          ...(final ? { active: false, deleted_at: new Date() } : {}),
        },
        $unset: {
          token_b_sealed: 1,
          token_c_sealed: 1,
          token_c_index: 1,
          token_c_pending_index: 1,
          ...(final ? { token_a_index: 1 } : {}),
        },
      },
      { returnDocument: 'after' },
    ).lean<Platform>(),
  );
}

export async function updatePlatform(id: Types.ObjectId, set: Record<string, unknown>): Promise<Platform | null> {
  return afterWrite(
    PlatformModel.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }).lean<Platform>(),
  );
}

export const setRoleStatus = (id: Types.ObjectId, status: RoleStatus, extra: Record<string, unknown> = {}) =>
  updatePlatform(id, { 'roles.$[].status': status, 'roles.$[].status_at': new Date(), ...extra });

// The token encoding each platform last used, as this process wrote it: the platform in the token cache may be
// up to 2 s old, and a burst of requests must not write the same change once per request.
const sentAsWritten = new Map<string, 'base64' | 'raw'>();

/** Records traffic from a platform (at most once a minute per platform): still-alive checks skip busy parties. */
export function touch(p: Platform, sentAs?: 'base64' | 'raw'): void {
  const id = String(p._id);
  const sameEncoding = !sentAs || (sentAsWritten.get(id) ?? p.token_sent_as) === sentAs;
  if (sentAs && !sameEncoding) sentAsWritten.set(id, sentAs);
  if (sameEncoding && p.last_seen_at && Date.now() - p.last_seen_at.getTime() < 60_000) return;
  void PlatformModel.updateOne(
    { _id: p._id },
    { $set: { last_seen_at: new Date(), ...(sentAs ? { token_sent_as: sentAs } : {}) } },
  ).catch(() => undefined);
}

export const declareRoles = (roles: DeclaredRole[]) =>
  normalize(roles).map((r) => ({ ...r, status: 'PLANNED' as const, status_at: new Date() }));
