// What a strict OCPI 2.2.1 receiver accepts: the body of each call the hub makes to a party, checked against the
// module's schema as the official OpenAPI types it (optional fields omitted, never null, except in a PATCH).
import type { z } from 'zod';
import { Cdr } from '../../src/modules/cdrs/schema';
import { ActiveChargingProfile, SetChargingProfile } from '../../src/modules/chargingprofiles/schema';
import { CommandResult, commandBody } from '../../src/modules/commands/schema';
import { Credentials } from '../../src/modules/credentials/schema';
import { ClientInfo } from '../../src/modules/hubclientinfo/schema';
import {
  Connector,
  ConnectorPatch,
  Evse,
  EvsePatch,
  Location,
  LocationPatch,
} from '../../src/modules/locations/schema';
import { ChargingPreferences, Session, SessionPatch } from '../../src/modules/sessions/schema';
import { Tariff } from '../../src/modules/tariffs/schema';
import { Token, TokenPatch } from '../../src/modules/tokens/schema';
import { withoutNulls } from '../../src/ocpi/nulls';
import { describeIssues } from '../../src/ocpi/validate';

type Rule = { schema: z.ZodType; patch?: boolean };

/** The schema for `{identifier} {role}` + method + the path segments below the endpoint URL. */
function ruleFor(identifier: string, role: string, method: string, below: string[]): Rule | undefined {
  const depth = below.length;
  const nested = <T>(list: T[]) => list[depth - 3];
  if (role === 'receiver') {
    if (identifier === 'locations' && method === 'PUT') return { schema: nested([Location, Evse, Connector])! };
    if (identifier === 'locations' && method === 'PATCH')
      return { schema: nested([LocationPatch, EvsePatch, ConnectorPatch])!, patch: true };
    if (identifier === 'sessions')
      return method === 'PATCH' ? { schema: SessionPatch, patch: true } : { schema: Session };
    if (identifier === 'tokens') return method === 'PATCH' ? { schema: TokenPatch, patch: true } : { schema: Token };
    if (identifier === 'cdrs' && method === 'POST') return { schema: Cdr };
    if (identifier === 'tariffs' && method === 'PUT') return { schema: Tariff };
    if (identifier === 'hubclientinfo' && method === 'PUT') return { schema: ClientInfo };
    if (identifier === 'chargingprofiles' && method === 'PUT') return { schema: SetChargingProfile };
    if (identifier === 'commands' && method === 'POST') {
      const schema: z.ZodType | undefined = commandBody[below[0] as keyof typeof commandBody];
      return schema && { schema };
    }
  }
  if (identifier === 'sessions' && method === 'PUT') return { schema: ChargingPreferences };
  if (identifier === 'chargingprofiles' && method === 'PUT') return { schema: ActiveChargingProfile };
  if (identifier === 'commands' && method === 'POST') return { schema: CommandResult };
  return undefined;
}

/** Why a strict receiver would refuse this body (400/2001), or undefined when it is valid. */
export function specProblem(
  identifier: string,
  role: string,
  method: string,
  below: string[],
  body: unknown,
): string | undefined {
  if (method === 'GET' || method === 'DELETE' || typeof body === 'string') return undefined; // no body; JWE checked elsewhere
  const rule = identifier === 'credentials' ? { schema: Credentials } : ruleFor(identifier, role, method, below);
  if (!rule) return undefined;
  const result = rule.schema.safeParse(rule.patch ? withoutNulls(body) : body);
  return result.success ? undefined : describeIssues(result.error, 'body');
}

/** A module call's body checked against the spec (the path below the endpoint tells which object). */
export function callProblem(path: string, method: string, body: unknown): string | undefined {
  const [identifier, role, ...below] = path
    .replace(/^\/ocpi\/2\.2\.1\//, '')
    .split('/')
    .filter(Boolean);
  return identifier && role ? specProblem(identifier, role, method, below, body) : undefined;
}
