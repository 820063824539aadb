// npm run check -- <versions-url> --token T [--role CPO|EMSP] [--json] [--from CC*PID] [--write CC*PID]
// Checks any partner's OCPI endpoints from the command line; exit code 1 when a check fails, 2 on bad usage.
import type { PartyRef } from '../ocpi/routing';
import { renderText } from './report';
import { runCheck, type CheckOptions } from './run';

const USAGE =
  'usage: npm run check -- <versions-url> --token T [--role CPO|EMSP|HUB|NSP] [--json] [--from CC*PID] [--write CC*PID]';

function party(value: string | undefined, flag: string): PartyRef | undefined {
  if (value === undefined) return undefined;
  const m = /^([A-Za-z]{2})\*([A-Za-z0-9]{1,3})$/.exec(value);
  if (!m?.[1] || !m[2]) throw new Error(`${flag} must be COUNTRY*PARTY, e.g. NL*TST`);
  return { country_code: m[1].toUpperCase(), party_id: m[2].toUpperCase() };
}

export function parseArgs(argv: string[]): CheckOptions & { json: boolean } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg.startsWith('--')) flags[arg.slice(2)] = argv[++i] ?? '';
    else positional.push(arg);
  }
  const versionsUrl = positional[0];
  if (!versionsUrl || !flags.token) throw new Error(USAGE);
  const role = flags.role?.toUpperCase();
  if (role && !['CPO', 'EMSP', 'HUB', 'NSP'].includes(role))
    throw new Error(`--role: one of CPO, EMSP, HUB, NSP\n${USAGE}`);
  return {
    versionsUrl,
    token: flags.token,
    role,
    json,
    from: party(flags.from, '--from'),
    write: party(flags.write, '--write'),
  };
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const report = await runCheck(options);
  process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : renderText(report)}\n`);
  return report.verdict === 'fail' ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`check failed to run: ${(error as Error).message}\n`);
      process.exit(2);
    },
  );
}
