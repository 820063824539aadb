// Roaming agreements between a CPO and an eMSP (operator-managed) and the one rule built on them: may two
// parties trade a module's data. HUB_AGREEMENTS=open lets everything flow.
import mongoose, { Schema, type Types } from 'mongoose';
import { config } from '../config';
import { cachedLoad } from '../db/cached';
import { partyKey, type PartyRef } from '../ocpi/routing';
import { FUNCTIONAL_MODULES, TYPICAL_ROLES, type ModuleId } from './roles';

export interface Agreement {
  _id: Types.ObjectId;
  cpo: string; // 'NL*CPA'
  emsp: string;
  modules: string[]; // empty: every module
  created_at: Date;
}

const AgreementSchema = new Schema<Agreement>(
  {
    cpo: { type: String, required: true },
    emsp: { type: String, required: true },
    modules: { type: [String], default: [] },
    created_at: { type: Date, default: () => new Date() },
  },
  { versionKey: false, collection: 'agreements' },
);
AgreementSchema.index({ cpo: 1, emsp: 1 }, { unique: true });
export const AgreementModel = mongoose.model<Agreement>('Agreement', AgreementSchema);

export type RoleRef = PartyRef & { role: string };

/** A snapshot of all agreements, cached briefly like the party directory (invalidated on every write here). */
export class Agreements {
  private readonly byPair = new Map<string, Agreement>();
  constructor(list: Agreement[]) {
    for (const a of list) this.byPair.set(`${a.cpo}|${a.emsp}`, a);
  }

  private agreed(cpo: string, emsp: string, module: string): boolean {
    const a = this.byPair.get(`${cpo}|${emsp}`);
    return !!a && (a.modules.length === 0 || a.modules.includes(module));
  }

  /**
   * Data of `module` may flow between a and b: their roles are on opposite sides of it, under an agreement if CPO and
   * eMSP.
   */
  mayTrade(a: RoleRef, b: RoleRef, module?: ModuleId): boolean {
    return (module ? [module] : FUNCTIONAL_MODULES).some((m) => {
      const sides = TYPICAL_ROLES[m];
      const flows =
        (sides.sender.includes(a.role) && sides.receiver.includes(b.role)) ||
        (sides.sender.includes(b.role) && sides.receiver.includes(a.role));
      if (!flows) return false;
      if (config.agreements === 'open') return true;
      const cpo = a.role === 'CPO' ? a : b.role === 'CPO' ? b : undefined;
      const emsp = a.role === 'EMSP' ? a : b.role === 'EMSP' ? b : undefined;
      return !cpo || !emsp || this.agreed(partyKey(cpo), partyKey(emsp), m);
    });
  }

  /** A module the hub only relays (Payments, custom modules): a CPO and an eMSP need an agreement covering it. */
  mayRelay(a: RoleRef, b: RoleRef, module: string): boolean {
    if (config.agreements === 'open') return true;
    const cpo = [a, b].find((r) => r.role === 'CPO');
    const emsp = [a, b].find((r) => r.role === 'EMSP');
    return !cpo || !emsp || this.agreed(partyKey(cpo), partyKey(emsp), module);
  }

  /** The counterpart keys `me` may trade `module` with, or undefined when agreements do not restrict `me`. */
  partnersOf(me: RoleRef, module: ModuleId): string[] | undefined {
    if (config.agreements === 'open' || (me.role !== 'CPO' && me.role !== 'EMSP')) return undefined;
    const key = partyKey(me);
    return [...this.byPair.values()]
      .filter(
        (a) =>
          (me.role === 'CPO' ? a.cpo === key : a.emsp === key) &&
          (a.modules.length === 0 || a.modules.includes(module)),
      )
      .map((a) => (me.role === 'CPO' ? a.emsp : a.cpo));
  }
}

const snapshot = cachedLoad(2000, () =>
  AgreementModel.find()
    .lean<Agreement[]>()
    .then((list) => new Agreements(list)),
);

export const agreements = (): Promise<Agreements> => snapshot.get();

export const invalidateAgreements = () => snapshot.drop();
