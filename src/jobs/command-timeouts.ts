// Command timeouts: when a CPO accepted a command but sent no result within the timeout it announced, the hub
// tells the eMSP so at its response_url (CommandResult TIMEOUT; a 2.1.1 eMSP gets a CommandResponse TIMEOUT).
import { forReceiver } from '../bridge/outbound';
import { send } from '../forward/client';
import { log } from '../log';
import { routingHeaders } from '../ocpi/routing';
import { directory } from '../parties/directory';
import { tokenB } from '../parties/store';
import { ProxyModel, type ProxyDoc } from '../proxy/store';

async function tellTimeout(p: ProxyDoc): Promise<void> {
  const platform = (await directory()).platform(p.forward_to);
  if (!platform?.registered) return;
  const out = await forReceiver({
    platform,
    module: 'commands',
    method: 'POST',
    url: p.url,
    body: { result: 'TIMEOUT' },
    kind: 'CommandResult',
    what: 'command timeout',
  });
  await send({
    method: 'POST',
    url: out.url,
    token: tokenB(platform),
    tokenEncoding: platform.token_encoding,
    headers: routingHeaders(p.from, p.to),
    body: out.body,
  });
}

export async function run(now = new Date()): Promise<number> {
  const due = await ProxyModel.find({
    kind: 'response_url',
    module: 'commands',
    timeout_at: { $lte: now },
    expires_at: { $gt: now },
  })
    .limit(200)
    .lean<ProxyDoc[]>();
  let told = 0;
  for (const p of due) {
    // retiring the proxy is the claim: one replica tells, and a late result is no longer forwarded
    const claimed = await ProxyModel.findOneAndUpdate(
      { _id: p._id, expires_at: { $gt: now } },
      { $set: { expires_at: now } },
    ).lean<ProxyDoc>();
    if (!claimed) continue;
    await tellTimeout(p).then(
      () => told++,
      (error: unknown) => log.warn('command timeout not delivered', { error: (error as Error).message }),
    );
  }
  return told;
}
