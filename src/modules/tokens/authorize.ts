// Real-time authorization (2.2.1 tokens Sender: POST {url}/{token_uid}/authorize): asked of the token's eMSP;
// for a token the hub does not know, of every eMSP that may trade with the CPO, first ALLOWED wins.
import { notFound } from '../../ocpi/errors';
import { isEnvelope } from '../../ocpi/envelope';
import { Status } from '../../ocpi/status';
import { directory, type PartyEntry } from '../../parties/directory';
import { subpath } from '../../ocpi/url';
import type { Context, Decision, Relayed } from '../../pipeline/types';
import { visibleFilter } from '../../policy/visibility';
import { agreements } from '../../policy/agreements';
import { implementing } from '../../policy/recipients';
import { tokens, uidIndex } from './store';

const allowed = (r: Relayed) =>
  isEnvelope(r.body) &&
  r.body.status_code === 1000 &&
  (r.body.data as { allowed?: string } | undefined)?.allowed === 'ALLOWED';
const refusal = (r: Relayed) => isEnvelope(r.body) && r.body.status_code === 1000;

export async function authorize(ctx: Context<{ token_uid: string }, { type: string }>): Promise<Decision> {
  const path = `${subpath(ctx.params.token_uid)}/authorize?type=${ctx.query.type}`;
  const dir = await directory();
  // only tokens this CPO may see: one of an eMSP without an agreement is answered like an unknown one
  const visible = {
    $and: [await visibleFilter(ctx, 'tokens'), { uid_index: uidIndex(ctx.params.token_uid), type: ctx.query.type }],
  };
  const owners = [...new Set((await tokens.find(visible, 10)).map((t) => t.owner))];
  if (owners.length === 1) return { relay: { to: dir.findKey(owners[0] as string), path } };
  const agreed = await agreements();
  // an unknown token is asked of the eMSPs that may trade with this CPO (roaming agreements)
  const candidates: PartyEntry[] = (
    owners.length > 1
      ? owners.flatMap((k) => dir.findKey(k))
      : implementing(dir, 'EMSP', 'tokens', 'SENDER', ctx.caller.platform)
  ).filter((e) => ctx.acting.some((r) => agreed.mayTrade(r, e.role, 'tokens')));
  const otherwise = notFound(`unknown token ${ctx.params.token_uid}: no eMSP knows it`, Status.UNKNOWN_TOKEN);
  return { relay: { to: candidates, path, firstOf: { accepted: allowed, refusal, otherwise } } };
}
