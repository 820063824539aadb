// Authentication checks (transport_and_format, authorization header): which token encodings the partner
// accepts, and that a wrong token is refused with HTTP 401.
import { randomBytes } from 'node:crypto';
import { probe, type CheckContext } from './probe';
import { result, type CheckResult, type Rule } from './report';

const ENCODING: Rule = {
  id: 'auth.encoding',
  title: 'Accepts the credentials token base64-encoded',
  rule: '2.2.1 transport_and_format: the Authorization header carries "Token " and the base64 of the UTF-8 token',
};
const WRONG: Rule = {
  id: 'auth.wrong-token',
  title: 'Refuses an unknown token with HTTP 401',
  rule: '2.2.1 transport_and_format / credentials: an unknown or missing token is answered HTTP 401',
};

const SENDS: Rule = {
  id: 'auth.sends',
  title: 'Sends its token to the hub base64-encoded',
  rule: '2.2.1 transport_and_format: the Authorization header carries the base64 of the token, both ways',
};

/** From the hub's own record of the partner's last call (admin-run checks of a partner that has called the hub). */
export function checkSends(sentAs: 'base64' | 'raw'): CheckResult {
  if (sentAs === 'raw')
    return result(
      SENDS,
      'fail',
      'its last call to the hub carried the raw token: 2.2.1 partners send it base64-encoded',
    );
  return result(SENDS, 'pass', 'its last call to the hub carried the token base64-encoded');
}

const accepted = (status?: number) => status !== undefined && status >= 200 && status < 300;

/** Tries both encodings on the versions endpoint; sets the one to use for every later call. */
export async function checkEncoding(ctx: CheckContext): Promise<CheckResult> {
  const b64 = await probe(ctx, { url: ctx.target.versionsUrl, encoding: 'base64' });
  const raw = await probe(ctx, { url: ctx.target.versionsUrl, encoding: 'raw' });
  const evidence = [b64.ex, raw.ex];
  const okB64 = accepted(b64.res?.status);
  const okRaw = accepted(raw.res?.status);
  ctx.encoding = okB64 || !okRaw ? 'base64' : 'raw';
  if (okB64 && okRaw) return result(ENCODING, 'pass', 'accepts base64 (and, leniently, the raw token)', evidence);
  if (okB64) return result(ENCODING, 'pass', 'accepts base64 only', evidence);
  if (okRaw)
    return result(
      ENCODING,
      'fail',
      'accepts the raw token only: 2.2.1 partners send it base64-encoded (pin token_encoding=raw to work with it)',
      evidence,
    );
  const why = b64.ex.error ?? `HTTP ${b64.res?.status ?? '?'} / HTTP ${raw.res?.status ?? '?'}`;
  return result(ENCODING, 'fail', `the token was refused in both encodings (${why})`, evidence);
}

export async function checkWrongToken(ctx: CheckContext): Promise<CheckResult> {
  const wrong = await probe(ctx, { url: ctx.target.versionsUrl, token: `wrong-${randomBytes(12).toString('hex')}` });
  const status = wrong.res?.status;
  if (status === 401) return result(WRONG, 'pass', 'HTTP 401', [wrong.ex]);
  if (status === undefined) return result(WRONG, 'fail', wrong.ex.error ?? 'no answer', [wrong.ex]);
  if (accepted(status)) return result(WRONG, 'fail', `a wrong token was accepted (HTTP ${status})`, [wrong.ex]);
  return result(WRONG, 'warn', `refused, but with HTTP ${status} instead of 401`, [wrong.ex]);
}
