// Version checks (version_information_endpoint, credentials): the versions list and 2.2.1 details, their envelope,
// shapes and absolute URLs, a credentials endpoint, the partner's roles and the modules those roles need.
import { Credentials } from '../modules/credentials/schema';
import { VersionDetails, VersionList, type Endpoint } from '../modules/versions/schema';
import { dataOf, probe, type ProbeAnswer, type CheckContext } from './probe';
import { result, type CheckResult, type Rule } from './report';

const R = {
  list: {
    id: 'versions.list',
    title: 'Versions list in an OCPI envelope, with absolute URLs',
    rule: 'version_information_endpoint: GET versions answers a list of {version, url}',
  },
  details: {
    id: 'versions.details',
    title: '2.2.1 version details: endpoints with identifier, role and absolute URL',
    rule: '2.2.1 version_information_endpoint: every endpoint has identifier, role (SENDER/RECEIVER) and url',
  },
  credentials: {
    id: 'versions.credentials',
    title: 'Lists a credentials endpoint and answers GET credentials',
    rule: 'credentials: every party implements the credentials module; GET returns its credentials object',
  },
  modules: {
    id: 'versions.modules',
    title: 'Lists the module interfaces its roles need',
    rule: '2.2.1 modules: each role implements its side of the functional modules',
  },
} satisfies Record<string, Rule>;

/** Interfaces a role cannot do without (fail), and the usual rest (warn when absent). */
const NEEDS: Record<string, { must: string[]; should: string[] }> = {
  CPO: {
    must: ['locations:SENDER'],
    should: ['sessions:SENDER', 'cdrs:SENDER', 'tariffs:SENDER', 'tokens:RECEIVER', 'commands:RECEIVER'],
  },
  EMSP: {
    must: ['tokens:SENDER'],
    should: ['locations:RECEIVER', 'sessions:RECEIVER', 'cdrs:RECEIVER', 'tariffs:RECEIVER', 'commands:SENDER'],
  },
  HUB: {
    must: ['locations:SENDER', 'tokens:SENDER', 'hubclientinfo:SENDER'],
    should: ['sessions:SENDER', 'cdrs:SENDER', 'tariffs:SENDER', 'commands:RECEIVER'],
  },
  NSP: { must: ['locations:RECEIVER'], should: ['tariffs:RECEIVER'] },
};

function envelopeProblem(a: ProbeAnswer): string | undefined {
  if (!a.res) return a.ex.error ?? 'no answer';
  const body = a.res.body as { status_code?: unknown; timestamp?: unknown } | undefined;
  if (a.res.status !== 200) return `HTTP ${a.res.status}`;
  if (typeof body?.status_code !== 'number' || typeof body.timestamp !== 'string')
    return 'not an OCPI envelope {data, status_code, timestamp}';
  if (body.status_code !== 1000) return `status_code ${body.status_code}`;
  return undefined;
}

export async function checkVersions(ctx: CheckContext): Promise<CheckResult[]> {
  const list = await probe(ctx, { url: ctx.target.versionsUrl });
  const parsed = VersionList.safeParse(dataOf(list));
  const problem =
    envelopeProblem(list) ?? (parsed.success ? undefined : `invalid list: ${parsed.error.issues[0]?.message}`);
  if (problem || !parsed.success) return [result(R.list, 'fail', problem ?? '', [list.ex])];
  const chosen = parsed.data.find((v) => v.version === '2.2.1');
  const offered = parsed.data.map((v) => v.version).join(', ');
  if (!chosen) return [result(R.list, 'fail', `no 2.2.1 among the versions offered (${offered || 'none'})`, [list.ex])];
  ctx.version = chosen.version;
  const out = [result(R.list, 'pass', `offers ${offered}`, [list.ex])];
  out.push(await checkDetails(ctx, chosen.url));
  if (ctx.endpoints.length > 0) out.push(await checkCredentials(ctx), checkModules(ctx));
  return out;
}

async function checkDetails(ctx: CheckContext, url: string): Promise<CheckResult> {
  const details = await probe(ctx, { url });
  const parsed = VersionDetails.safeParse(dataOf(details));
  const problem =
    envelopeProblem(details) ??
    (parsed.success
      ? undefined
      : `invalid details: ${parsed.error.issues
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .slice(0, 3)
          .join('; ')}`);
  if (problem || !parsed.success) return result(R.details, 'fail', problem ?? '', [details.ex]);
  ctx.endpoints = parsed.data.endpoints;
  const insecure = parsed.data.endpoints.filter((e) => !/^https?:\/\//.test(e.url));
  if (insecure.length > 0)
    return result(R.details, 'fail', `not http(s) URLs: ${insecure.map((e) => e.identifier).join(', ')}`, [details.ex]);
  return result(R.details, 'pass', `${parsed.data.endpoints.length} endpoints`, [details.ex]);
}

async function checkCredentials(ctx: CheckContext): Promise<CheckResult> {
  const url = ctx.endpoints.find((e) => e.identifier === 'credentials')?.url;
  if (!url) return result(R.credentials, 'fail', 'no credentials endpoint listed');
  const got = await probe(ctx, { url });
  const parsed = Credentials.safeParse(dataOf(got));
  if (!parsed.success)
    return result(
      R.credentials,
      'fail',
      envelopeProblem(got) ?? `invalid credentials: ${parsed.error.issues[0]?.message}`,
      [got.ex],
    );
  const mine = parsed.data.roles.find((r) => !ctx.target.role || r.role === ctx.target.role) ?? parsed.data.roles[0];
  if (mine) ctx.to = { country_code: mine.country_code, party_id: mine.party_id };
  ctx.role = ctx.target.role ?? mine?.role ?? 'UNKNOWN';
  const roles = parsed.data.roles.map((r) => `${r.role} ${r.country_code}*${r.party_id}`).join(', ');
  if (ctx.target.role && !parsed.data.roles.some((r) => r.role === ctx.target.role)) {
    return result(
      R.credentials,
      'warn',
      `its credentials name ${roles}, not the role ${ctx.target.role} it is checked as`,
      [got.ex],
    );
  }
  return result(R.credentials, 'pass', `roles ${roles}`, [got.ex]);
}

function checkModules(ctx: CheckContext): CheckResult {
  const needs = NEEDS[ctx.role];
  if (!needs) return result(R.modules, 'pass', `no module list is known for role ${ctx.role}`);
  const has = (key: string) => ctx.endpoints.some((e: Endpoint) => `${e.identifier}:${e.role}` === key);
  const missing = needs.must.filter((k) => !has(k));
  const absent = needs.should.filter((k) => !has(k));
  if (missing.length > 0) return result(R.modules, 'fail', `a ${ctx.role} must list ${missing.join(', ')}`);
  if (absent.length > 0) return result(R.modules, 'warn', `not listed: ${absent.join(', ')}`);
  return result(R.modules, 'pass', `all the interfaces a ${ctx.role} usually implements`);
}
