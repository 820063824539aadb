// Who may see which stored objects through GET-All and the Sender GETs: one filter per module and caller.
import { partyKey } from '../ocpi/routing';
import type { RoleEntry } from '../parties/model';
import { agreements, type Agreements } from './agreements';
import { forbidden } from '../ocpi/errors';
import { ownerRoles, receiverRoles, type ModuleId } from './roles';

export type Filter = Record<string, unknown>;

/**
 * A MongoDB filter over a module's stored objects (fields `owner` and, for sessions and CDRs, `emsp`), or null
 * when the roles may see nothing. Owners see their own; sessions and CDRs reach only the eMSP named in
 * cdr_token; CPO-eMSP data only flows under a roaming agreement (unless HUB_AGREEMENTS=open).
 */
export function visibleTo(module: ModuleId, roles: readonly RoleEntry[], agreements: Agreements): Filter | null {
  const clauses: Filter[] = [];
  for (const role of roles) {
    const me = partyKey(role);
    const partners = agreements.partnersOf(role, module);
    // Agreements bind CPOs and eMSPs only: what an OTHER party owns (tokens) is not behind one.
    const agreed = partners ? { $or: [{ owner: { $in: partners } }, { owner_role: 'OTHER' }] } : {};
    if (ownerRoles(module).includes(role.role)) clauses.push({ owner: me });
    else if ((module === 'sessions' || module === 'cdrs') && role.role === 'EMSP')
      clauses.push({ emsp: me, ...agreed });
    else if (receiverRoles(module).includes(role.role)) clauses.push(agreed);
  }
  if (clauses.length === 0) return null;
  return clauses.length === 1 ? (clauses[0] as Filter) : { $or: clauses };
}

/** The visibility filter for the roles a request acts as; 403 when they may see nothing of the module. */
export async function visibleFilter(ctx: { acting: readonly RoleEntry[] }, module: ModuleId): Promise<Filter> {
  const filter = visibleTo(module, ctx.acting, await agreements());
  if (!filter) throw forbidden(`nothing in ${module} is visible to this party`);
  return filter;
}
