// Authentication, both schemes as passport strategies: the OCPI `Token` scheme and the operator's bearer token.
import type { Request, RequestHandler } from 'express';
import passport from 'passport';
import { Strategy } from 'passport-strategy';
import { config } from '../config';
import { sameSecret } from '../crypto/seal';
import { tokenCandidates } from '../crypto/tokens';
import { forbidden, unauthenticated } from '../ocpi/errors';
import { assertNotFlooding, countFailure } from './auth-failures';
import { assertWithinRate } from './rate-limit';
import { verifySignature } from './signatures';
import { touch, type Platform } from './store';
import { findByToken, type TokenKind } from './tokens';

export interface PartyCaller {
  kind: 'party';
  platform: Platform;
  tokenKind: TokenKind;
  token: string;
}
export interface OperatorCaller {
  kind: 'operator';
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport's req.user: a party on /ocpi, the operator on /admin
    interface User {
      kind: 'party' | 'operator';
    }
  }
}

/**
 * Token A opens versions and credentials only (credentials.asciidoc); Token C opens everything. A Token C the hub
 * is still offering (its own credentials POST/PUT, not yet answered) opens what the party's callbacks need:
 * versions and credentials.
 */
class OcpiTokenStrategy extends Strategy {
  constructor(
    readonly name: string,
    private readonly allowTokenA: boolean,
  ) {
    super();
  }

  override authenticate(req: Request): void {
    try {
      assertNotFlooding(req.ip);
    } catch (error) {
      return this.error(error as Error);
    }
    const refuse = (message: string) => {
      countFailure(req.ip);
      this.error(unauthenticated(message));
    };
    const candidates = tokenCandidates(req.headers.authorization);
    if (candidates.length === 0) return refuse('missing or malformed Authorization header, expected "Token <token>"');
    findByToken(candidates)
      .then(async (found) => {
        if (!found) return refuse('unknown token');
        if (found.kind === 'A' && !this.allowTokenA) {
          return this.error(unauthenticated('Token A is valid only for versions and credentials: register first'));
        }
        if (found.kind === 'pending' && !this.allowTokenA) {
          return this.error(
            unauthenticated("this token is valid once you have answered the hub's credentials request"),
          );
        }
        if (found.platform.suspended) return this.error(forbidden('this platform is suspended by the hub operator'));
        const refused = verifySignature(req, found.platform);
        if (refused) return this.error(forbidden(refused));
        await assertWithinRate(String(found.platform._id));
        // tokenCandidates lists the base64 reading first, when there is one
        touch(found.platform, candidates.length > 1 && found.token === candidates[0] ? 'base64' : 'raw');
        const caller: PartyCaller = {
          kind: 'party',
          platform: found.platform,
          tokenKind: found.kind,
          token: found.token,
        };
        this.success(caller);
      })
      .catch((error: unknown) => this.error(error as Error)); // a database failure, or the rate limit
  }
}

export class AdminAuthError extends Error {}

class AdminBearerStrategy extends Strategy {
  name = 'admin';
  override authenticate(req: Request): void {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1] || !sameSecret(match[1], config.adminToken)) {
      return this.error(
        new AdminAuthError('missing or wrong admin token: send Authorization: Bearer $HUB_ADMIN_TOKEN'),
      );
    }
    const caller: OperatorCaller = { kind: 'operator' };
    this.success(caller);
  }
}

passport.use(new OcpiTokenStrategy('ocpi', false));
passport.use(new OcpiTokenStrategy('ocpi-registration', true));
passport.use(new AdminBearerStrategy());

// No session, and no req.authInfo (nothing reads it): passport then skips its chain of info transformers per request.
const authenticate = (strategy: string): RequestHandler =>
  passport.authenticate(strategy, { session: false, authInfo: false }) as RequestHandler;

/** Any registered party (Token C). */
export const authenticateParty = authenticate('ocpi');
/** Token A or C: the versions and credentials modules. */
export const authenticateRegistering = authenticate('ocpi-registration');
export const authenticateOperator = authenticate('admin');

export function partyOf(req: Request): PartyCaller {
  const user = req.user as PartyCaller | undefined;
  if (user?.kind !== 'party') throw unauthenticated('not authenticated');
  return user;
}

/**
 * passport.initialize(), for an app that wants it: the hub's does not, since each strategy's authenticate() sets up
 * the request itself and no session is kept (it only added half a dozen properties to every request, OCPI or not).
 */
export const passportInit: RequestHandler = passport.initialize() as RequestHandler;
