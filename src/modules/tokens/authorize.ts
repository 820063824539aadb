// Real-time authorization (2.2.1 tokens Sender: POST {url}/{token_uid}/authorize): asked of the token's eMSP;
// for a token the hub does not know, of every eMSP that may trade with the CPO, first ALLOWED wins.
import { notFound } from '../../ocpi/errors';
import { isEnvelope } from '../../ocpi/envelope';
import { Status } from '../../ocpi/status';
import { directory, type PartyEntry } from '../../parties/directory';
import { subpath, visibleFilter } from '../../pipeline/page';
import { relayFor, type Relayed } from '../../pipeline/relay';
import type { Context, Outcome } from '../../pipeline/types';
import { agreements } from '../../policy/agreements';
import { implementing } from '../../policy/recipients';
import { tokens, uidIndex } from './store';

const allowed = (r: Relayed) => isEnvelope(r.body) && r.body.status_code === 1000 && (r.body.data as { allowed?: string } | undefined)?.allowed === 'ALLOWED';
const refusal = (r: Relayed) => isEnvelope(r.body) && r.body.status_code === 1000;

/** Resolves with the first ALLOWED answer, else (once all settled) the last refusal to arrive, else undefined. */
function firstAllowed(asks: Promise<Relayed>[]): Promise<Relayed | undefined> {
  return new Promise((resolve) => {
    let pending = asks.length;
    let lastRefusal: Relayed | undefined;
    const settle = () => --pending === 0 && resolve(lastRefusal);
    if (pending === 0) resolve(undefined);
    for (const ask of asks) {
      ask.then(
        (r) => (allowed(r) ? resolve(r) : (refusal(r) && (lastRefusal = r), settle())),
        () => settle(),
      );
    }
  });
}

export async function authorize(ctx: Context<{ token_uid: string }, { type: string }>): Promise<Outcome> {
  const path = `${subpath(ctx.params.token_uid)}/authorize?type=${ctx.query.type}`;
  const dir = await directory();
  // only tokens this CPO may see: one of an eMSP without an agreement is answered like an unknown one
  const visible = { $and: [await visibleFilter(ctx, 'tokens'), { uid_index: uidIndex(ctx.params.token_uid), type: ctx.query.type }] };
  const owners = [...new Set((await tokens.find(visible, 10)).map((t) => t.owner))];
  if (owners.length === 1) return { relayed: await relayFor(ctx, 'tokens', 'SENDER', dir.findKey(owners[0] as string), { path }) };
  const agreed = await agreements();
  // an unknown token is asked of the eMSPs that may trade with this CPO (roaming agreements)
  const candidates: PartyEntry[] = (owners.length > 1 ? owners.flatMap((k) => dir.findKey(k)) : implementing(dir, 'EMSP', 'tokens', 'SENDER', ctx.caller.platform)).filter((e) =>
    ctx.acting.some((r) => agreed.mayTrade(r, e.role, 'tokens')),
  );
  const answer = await firstAllowed(candidates.map((entry) => relayFor(ctx, 'tokens', 'SENDER', [entry], { path })));
  if (!answer) throw notFound(`unknown token ${ctx.params.token_uid}: no eMSP knows it`, Status.UNKNOWN_TOKEN);
  return { relayed: answer };
}
