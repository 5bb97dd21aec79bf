import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type Io } from './io.js';

/**
 * The entry point: parse arguments, run one command, return its exit code
 * (0 clean, 1 findings, 2 invalid input or usage). Commands are loaded lazily so
 * that `infraspec schema` does not pay for the planner.
 */

export interface CommandContext {
  io: Io;
  args: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  color: boolean | undefined;
}

interface CommandEntry {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  load: () => Promise<(ctx: CommandContext) => Promise<number> | number>;
}

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;

export const COMMANDS: Record<string, CommandEntry> = {
  validate: {
    summary: 'Check a spec: syntax, shape, units and references.',
    usage: 'infraspec validate <spec> [--json]',
    options: { ...COMMON, json: { type: 'boolean' } },
    load: async () => (await import('./commands/validate.js')).runValidate,
  },
  plan: {
    summary: 'Compute each phase: resource totals, roles, storage, backups, usage, cost, stated figures.',
    usage: 'infraspec plan <spec> [--phase NAME] [--months N] [--json | --format text|md|json]',
    options: { ...COMMON, json: { type: 'boolean' }, format: { type: 'string' }, phase: { type: 'string' }, months: { type: 'string' } },
    load: async () => (await import('./commands/plan.js')).runPlan,
  },
  place: {
    summary: 'Choose the cheapest machines that hold each phase, with a proven lower bound and the first-fit-decreasing baseline beside it.',
    usage: 'infraspec place <spec> [--phase NAME] [--json] [--time-limit 10s] [--level recommended|minimum] [--catalog DIR]',
    options: { ...COMMON, json: { type: 'boolean' }, phase: { type: 'string' }, 'time-limit': { type: 'string' }, level: { type: 'string' }, catalog: { type: 'string' } },
    load: async () => (await import('./commands/place.js')).runPlace,
  },
  cost: {
    summary: 'Price each phase per month: machines, managed services, storage, backups, bandwidth, cost lines; check stated costs and budgets.',
    usage: 'infraspec cost <spec> [--phase NAME] [--json] [--placed] [--currency USD] [--catalog DIR]',
    options: { ...COMMON, json: { type: 'boolean' }, phase: { type: 'string' }, placed: { type: 'boolean' }, currency: { type: 'string' }, catalog: { type: 'string' } },
    load: async () => (await import('./commands/cost.js')).runCost,
  },
  lint: {
    summary: 'Find what is wrong in the spec: figures that do not add up, capacity, backups, availability, network, security, versions, cost.',
    usage: 'infraspec lint <spec> [--format pretty|json|sarif|junit|github|md] [--json] [--fail-on error|warning|info] [--rule ID=off|info|warning|error]… [--as-of YYYY-MM-DD]',
    options: { ...COMMON, json: { type: 'boolean' }, format: { type: 'string' }, 'fail-on': { type: 'string' }, rule: { type: 'string', multiple: true }, 'as-of': { type: 'string' } },
    load: async () => (await import('./commands/lint.js')).runLint,
  },
  rules: {
    summary: 'List the lint rules: id, default severity, category, summary.',
    usage: 'infraspec rules [--json] [--category NAME]',
    options: { ...COMMON, json: { type: 'boolean' }, category: { type: 'string' } },
    load: async () => (await import('./commands/rules.js')).runRules,
  },
  explain: {
    summary: 'Explain a lint rule: why it matters, a failing and a passing example.',
    usage: 'infraspec explain <rule-id>',
    options: { ...COMMON },
    load: async () => (await import('./commands/explain.js')).runExplain,
  },
  generate: {
    summary: 'Write deployment artifacts and the requirements document from the spec (kubernetes, compose, quadlet, systemd, firewall, prometheus, docs).',
    usage: 'infraspec generate <spec> --target kubernetes|compose|quadlet|systemd|firewall|prometheus|docs|all --out DIR [--phase NAME] [--check] [--json]',
    options: { ...COMMON, target: { type: 'string' }, out: { type: 'string' }, phase: { type: 'string' }, check: { type: 'boolean' }, json: { type: 'boolean' } },
    load: async () => (await import('./commands/generate.js')).runGenerate,
  },
  preflight: {
    summary: 'Check this machine (and live services) against the spec: CPU, memory, disks, OS, kernel, software, packages, users, ports, GPU…',
    usage: 'infraspec preflight <spec> [--role R] [--phase P] [--json | --format pretty|junit|md] [--only IDS] [--skip IDS] [--fail-on fail|warn] [--timeout 5s] [--offline]',
    options: { ...COMMON, json: { type: 'boolean' }, format: { type: 'string' }, role: { type: 'string' }, phase: { type: 'string' }, only: { type: 'string', multiple: true }, skip: { type: 'string', multiple: true }, 'fail-on': { type: 'string' }, timeout: { type: 'string' }, offline: { type: 'boolean' } },
    load: async () => (await import('./commands/preflight.js')).runPreflight,
  },
  schema: {
    summary: 'Print the JSON Schema (draft 2020-12) of the spec format.',
    usage: 'infraspec schema',
    options: { ...COMMON },
    load: async () => (await import('./commands/schema.js')).runSchema,
  },
};

function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'infraspec — make an infrastructure-requirements document executable',
    '',
    'Usage: infraspec <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'A <spec> is an infraspec.yaml file, or a directory that holds one.',
    'Options for every command: --help, --no-color, --debug (stack traces for internal errors).',
    'Exit codes: 0 clean, 1 findings, 2 invalid input or usage.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`${await version()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    const { didYouMean } = await import('../units/suggest.js');
    const hint = didYouMean(name, Object.keys(COMMANDS));
    io.stderr.write(`infraspec: unknown command \`${name}\`${hint ? `; ${hint}` : ''}\nRun \`infraspec --help\` for the list of commands.\n`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`infraspec ${name}: ${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}\nUsage: ${command.usage}\n`);
    return 2;
  }
  const values = parsed.values as CommandContext['values'];
  if (values['help']) {
    io.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  const color = values['no-color'] ? false : values['color'] ? true : undefined;
  try {
    const run = await command.load();
    return await run({ io, args: parsed.positionals, values, color });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`infraspec ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (values['debug']) io.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    else io.stderr.write(`infraspec ${name}: internal error: ${(error as Error).message}\nThis is a bug in infraspec; run again with --debug for the stack trace and report it.\n`);
    return 2;
  }
}

export async function version(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
