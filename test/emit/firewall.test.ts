import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firewallEmitter } from '../../src/emit/firewall/index.js';
import { generate } from '../../src/emit/generate.js';
import type { GeneratedFile } from '../../src/emit/types.js';
import { compileText } from '../../src/lint/tester.js';
import { loadSpec } from '../../src/spec/files.js';
import { ROOT } from '../helpers.js';

/**
 * The firewall target: every generated nftables ruleset passes `nft -c`, every
 * ufw script `bash -n` and runs against a recording `ufw`, and the rules say
 * what the spec says — a restricted port only from its sources, inter-server
 * rules between the roles they name, phases honoured, nothing else open.
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

function requireTool(command: string, args: string[], debianPackage: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`\`${command}\` is missing or broken (${probe.error?.message ?? probe.stderr.trim()}): install the Debian package \`${debianPackage}\` (apt-get install ${debianPackage})`);
  }
}

/** `nft -c -f FILE`: the kernel's own parser and evaluator, without changing the ruleset (needs root, as in CI). */
function nftCheck(path: string): string {
  const result = spawnSync('nft', ['-c', '-f', path], { encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run nft (${result.error.message}): install the Debian package \`nftables\``);
  if (result.status !== 0 && /Operation not permitted/.test(result.stderr)) throw new Error('`nft -c` needs root (CAP_NET_ADMIN) to check a ruleset: run the tests as root, as CI does');
  return result.status === 0 ? '' : result.stderr;
}

function emit(spec: string, phase?: string): { files: Map<string, GeneratedFile>; notes: string[] } {
  const compiled = compileText(spec);
  if (!compiled.model) throw new Error(`the test spec does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const result = generate(compiled.model, { targets: [firewallEmitter], phase });
  return { files: new Map(result.files.map((f) => [f.path, f])), notes: result.notes.map((n) => n.message) };
}

function content(files: Map<string, GeneratedFile>, path: string): string {
  const file = files.get(path);
  if (!file) throw new Error(`no ${path} among ${[...files.keys()].join(', ')}`);
  return file.content;
}

/** The accepting rules of the input chain after the fixed preamble (ICMP, loopback, DHCPv6). */
function openRules(nft: string): string[] {
  const input = nft.slice(nft.indexOf('chain input'), nft.indexOf('chain forward'));
  return input
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.endsWith('"') && / accept comment "/.test(l))
    .map((l) => l.replace(/ comment ".*"$/, ''));
}

function checkAll(files: readonly GeneratedFile[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-nft-'));
  const failures: string[] = [];
  for (const f of files) {
    const path = join(dir, f.path.replace(/\//g, '__'));
    writeFileSync(path, f.content);
    if (f.path.endsWith('.nft')) {
      const errors = nftCheck(path);
      if (errors) failures.push(`${f.path}:\n${errors}`);
    } else if (f.path.endsWith('.ufw.sh')) {
      expect(f.mode, `${f.path} is executable`).toBe(0o755);
      const result = spawnSync('bash', ['-n', path], { encoding: 'utf8' });
      if (result.status !== 0) failures.push(`${f.path}: bash -n: ${result.stderr}`);
    }
  }
  expect(failures).toEqual([]);
}

/** Run a ufw script with a `ufw` on PATH that records its arguments; returns the recorded commands. */
function runUfwScript(script: string, env: Record<string, string> = {}): { status: number; commands: string[]; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-ufw-'));
  const log = join(dir, 'ufw.log');
  writeFileSync(join(dir, 'ufw'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n`);
  chmodSync(join(dir, 'ufw'), 0o755);
  writeFileSync(join(dir, 'role.ufw.sh'), script);
  writeFileSync(log, '');
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INFRASPEC_') && k !== 'SSH_CONNECTION'));
  const result = spawnSync('bash', [join(dir, 'role.ufw.sh')], { encoding: 'utf8', env: { ...base, PATH: `${dir}:${process.env['PATH'] ?? ''}`, ...env } });
  return { status: result.status ?? -1, commands: readFileSync(log, 'utf8').split('\n').filter((l) => l !== ''), stderr: result.stderr };
}

describe('firewall: the tools', () => {
  it('finds nft and bash', () => {
    requireTool('nft', ['--version'], 'nftables');
    requireTool('bash', ['--version'], 'bash');
  });
});

describe('firewall: every example', () => {
  for (const example of EXAMPLES) {
    it(`${example}: every ruleset passes nft -c and every ufw script bash -n`, () => {
      requireTool('nft', ['--version'], 'nftables');
      const loaded = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!loaded.model) throw new Error(`examples/${example} does not compile`);
      const { files } = generate(loaded.model, { targets: [firewallEmitter] });
      const phases = loaded.model.phases;
      const expected = phases.reduce((n, p) => n + 2 * p.roles.length, 0);
      expect(files.length).toBe(expected);
      checkAll(files);
    });
  }
});

const TWO_ROLES = `
roles:
  app: { count: 2 }
  db: { count: 2 }
components:
  api:
    kind: service
    placement: { role: app }
    ports:
      - { name: http, port: 8080, exposure: restricted, from: [db, 10.1.0.0/16, 2001:db8::/32, 10.1.2.0/24] }
      - { name: admin, port: 9000, exposure: localhost }
      - { name: metrics, port: 9100, exposure: internal }
  web:
    kind: service
    placement: { role: app }
    ports:
      - { name: https, port: 443, exposure: public, nodePort: 30443 }
  postgres:
    kind: datastore
    placement: { role: db }
    ports:
      - { port: 5432, exposure: internal }
`;

describe('firewall: what a role opens', () => {
  it('opens a restricted port only from its sources, on the roles its component runs on', () => {
    const { files } = emit(TWO_ROLES);
    const app = content(files, 'default/app.nft');
    expect(openRules(app)).toEqual([
      'ip saddr 10.1.0.0/16 tcp dport 8080 accept',
      'ip6 saddr 2001:db8::/32 tcp dport 8080 accept',
      'ip saddr @role_db_v4 tcp dport 8080 accept',
      'ip6 saddr @role_db_v6 tcp dport 8080 accept',
      'tcp dport 443 accept',
      'tcp dport 30443 accept',
    ]);
    // 10.1.2.0/24 lies inside 10.1.0.0/16: one block (nftables refuses overlapping intervals in one set).
    expect(app).not.toContain('10.1.2.0/24 ');
    expect(app).toContain('set role_db_v4 {');
    expect(app).toContain('include "/etc/infraspec/nftables.d/*.nft"');
    expect(app).toMatch(/# - `api` 9000\/tcp \(`admin`\): exposure localhost/);
    expect(app).toMatch(/# - `api` 9100\/tcp \(`metrics`\): exposure internal/);
    const db = content(files, 'default/db.nft');
    expect(openRules(db)).toEqual([]);
    expect(db).toMatch(/# - `postgres` 5432\/tcp: exposure internal/);
    checkAll([...files.values()]);
  });

  it('leaves out a source it cannot resolve, says so, and keeps the port closed when none is left', () => {
    const { files, notes } = emit(`
roles:
  app: {}
  db: {}
components:
  api:
    kind: service
    placement: { role: app }
    ports:
      - { port: 8080, exposure: restricted, from: [nowhere] }
      - { port: 8081, exposure: restricted, from: [nowhere, db] }
`);
    expect(openRules(content(files, 'default/app.nft'))).toEqual(['ip saddr @role_db_v4 tcp dport 8081 accept', 'ip6 saddr @role_db_v6 tcp dport 8081 accept']);
    expect(notes).toContain('phase `default`: `api` 8080/tcp has exposure restricted, but none of its sources has an address (`nowhere` names no role, component, subnet, security group or CIDR of phase `default`): it stays closed');
    expect(notes).toContain('phase `default`: `api` 8081/tcp: source `nowhere` is left out: `nowhere` names no role, component, subnet, security group or CIDR of phase `default`');
  });

  it('resolves a component source to its subnets and roles, and a subnet to its CIDR', () => {
    const { files } = emit(`
roles:
  app: {}
  edge: {}
components:
  lb:
    kind: service
  api:
    kind: service
    placement: { role: app }
    ports:
      - { port: 8000, exposure: restricted, from: [lb, ops] }
  proxy:
    kind: service
    placement: { role: edge }
    ports:
      - { port: 8443, exposure: restricted, from: [api] }
network:
  subnets:
    public-a: { cidr: 10.0.1.0/24, hosts: [lb] }
    ops: { cidr: 10.9.0.0/16 }
`);
    expect(openRules(content(files, 'default/app.nft'))).toEqual(['ip saddr { 10.0.1.0/24, 10.9.0.0/16 } tcp dport 8000 accept']);
    expect(openRules(content(files, 'default/edge.nft'))).toEqual(['ip saddr @role_app_v4 tcp dport 8443 accept', 'ip6 saddr @role_app_v6 tcp dport 8443 accept']);
  });

  it('applies inter-server rules between the roles they name, and from every machine of the phase when they name none', () => {
    const { files } = emit(`${TWO_ROLES}
network:
  firewall:
    - { port: 5432, protocol: tcp, scope: inter-server, from: [db], to: [db], service: replication }
    - { port: 26379, protocol: tcp, scope: inter-server, service: sentinel }
    - { port: 5432, protocol: tcp, scope: inter-server, from: [app], service: clients }
`);
    const db = openRules(content(files, 'default/db.nft'));
    expect(db).toEqual([
      'ip saddr @role_db_v4 tcp dport 5432 accept',
      'ip6 saddr @role_db_v6 tcp dport 5432 accept',
      'ip saddr @role_app_v4 tcp dport 26379 accept',
      'ip6 saddr @role_app_v6 tcp dport 26379 accept',
      'ip saddr @role_db_v4 tcp dport 26379 accept',
      'ip6 saddr @role_db_v6 tcp dport 26379 accept',
      // No `to`: the rule applies where something listens on 5432/tcp (postgres, on db).
      'ip saddr @role_app_v4 tcp dport 5432 accept',
      'ip6 saddr @role_app_v6 tcp dport 5432 accept',
    ]);
    const app = openRules(content(files, 'default/app.nft'));
    expect(app.filter((r) => r.includes('5432'))).toEqual([]);
    // Nothing listens on 26379: the rule is on every role.
    expect(app.filter((r) => r.includes('26379'))).toEqual([
      'ip saddr @role_app_v4 tcp dport 26379 accept',
      'ip6 saddr @role_app_v6 tcp dport 26379 accept',
      'ip saddr @role_db_v4 tcp dport 26379 accept',
      'ip6 saddr @role_db_v6 tcp dport 26379 accept',
    ]);
    checkAll([...files.values()]);
  });

  it('honours the phases a rule names and the roles each phase has', () => {
    const { files } = emit(`
roles:
  server: {}
components:
  web:
    kind: service
    placement: { role: server }
    ports: [{ port: 443, exposure: public }]
network:
  firewall:
    - { port: 22, protocol: tcp, scope: external, from: [known-ips], service: SSH }
    - { port: 9090, protocol: tcp, scope: inter-server, phases: [big], service: Prometheus }
    - { port: 443, protocol: tcp, direction: outbound, scope: external, to: [stripe] }
phases:
  small: {}
  big:
    roles:
      monitoring: { count: 1 }
`);
    expect([...files.keys()]).toEqual(['big/monitoring.nft', 'big/monitoring.ufw.sh', 'big/server.nft', 'big/server.ufw.sh', 'small/server.nft', 'small/server.ufw.sh']);
    const small = openRules(content(files, 'small/server.nft'));
    // Component ports first, then the firewall rules, in the spec's order.
    expect(small).toEqual(['tcp dport 443 accept', 'ip saddr @known_ips_v4 tcp dport 22 accept', 'ip6 saddr @known_ips_v6 tcp dport 22 accept']);
    const big = openRules(content(files, 'big/monitoring.nft'));
    expect(big).toContain('ip saddr @role_server_v4 tcp dport 9090 accept');
    expect(big).toContain('ip saddr @role_monitoring_v4 tcp dport 9090 accept');
    // Outbound rules are comments: output accepts.
    expect(content(files, 'small/server.nft')).toMatch(/# - firewall rule 3 \(443\/tcp\) to `stripe`: allowed by the accepting output policy/);
    expect(content(files, 'small/server.nft')).toContain('type filter hook output priority filter; policy accept;');
  });

  it('drops forwarded traffic only where containers are rootless', () => {
    const { files } = emit(`
roles:
  rootless: { container: { engine: podman, rootless: true } }
  docker: { container: { engine: docker } }
`);
    expect(content(files, 'default/rootless.nft')).toContain('type filter hook forward priority filter; policy drop;');
    expect(content(files, 'default/docker.nft')).toContain('type filter hook forward priority filter; policy accept;');
    expect(content(files, 'default/rootless.ufw.sh')).toContain('ufw default deny routed');
    expect(content(files, 'default/docker.ufw.sh')).toContain('ufw default allow routed');
  });

  it('mirrors security-group ingress on the machines of the components the group applies to', () => {
    const { files, notes } = emit(`
roles:
  app: {}
  other: {}
components:
  api: { kind: service, placement: { role: app } }
  rds: { kind: datastore, managed: { provider: aws, service: rds } }
network:
  securityGroups:
    application:
      appliesTo: [api]
      ingress:
        - { protocol: tcp, port: 22, cidr: [10.0.0.0/16] }
        - { protocol: udp, port: "6000-6007", cidr: [10.0.0.0/16] }
    database:
      appliesTo: [rds]
      ingress:
        - { protocol: tcp, port: 5432, from: application }
`);
    expect(openRules(content(files, 'default/app.nft'))).toEqual(['ip saddr 10.0.0.0/16 tcp dport 22 accept', 'ip saddr 10.0.0.0/16 udp dport 6000-6007 accept']);
    expect(openRules(content(files, 'default/other.nft'))).toEqual([]);
    expect(notes.some((n) => n.includes('security group `database` applies to `rds`, which runs on none of the phase'))).toBe(true);
    expect(content(files, 'default/app.ufw.sh')).toContain("allow udp '6000:6007' 'security group application ingress 2' \"10.0.0.0/16\"");
  });

  it('says when no rule opens SSH, in a note and in both files', () => {
    const { files, notes } = emit(TWO_ROLES);
    expect(notes).toContain(
      'phase `default`: no rule of the spec opens SSH (22/tcp) on `app`, `db`: loading the firewall blocks new SSH connections to those roles; add a `network.firewall` rule for port 22 (the ufw scripts refuse to run over SSH without one)',
    );
    expect(content(files, 'default/app.nft')).toContain('# WARNING: no rule opens SSH (22/tcp)');
    expect(content(files, 'default/app.ufw.sh')).toContain('if [ -n "${SSH_CONNECTION:-}" ] && [ "${INFRASPEC_ALLOW_NO_SSH:-0}" != 1 ]; then');
  });
});

describe('firewall: the ufw scripts', () => {
  const spec = `${TWO_ROLES}
network:
  firewall:
    - { port: 22, protocol: tcp, scope: external, from: [known-ips], service: SSH }
`;

  it('sets the defaults, adds the same allows as the ruleset, then enables ufw', () => {
    const { files } = emit(spec);
    const script = content(files, 'default/app.ufw.sh');
    expect(script.startsWith('#!/usr/bin/env bash\n# Generated by infraspec')).toBe(true);
    expect(script).toContain('set -euo pipefail');
    const run = runUfwScript(script, { INFRASPEC_ROLE_DB: '10.0.5.1 10.0.5.2', INFRASPEC_KNOWN_IPS: '203.0.113.7' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.commands).toEqual([
      'default deny incoming',
      'default allow outgoing',
      'default allow routed',
      'allow proto tcp from 10.1.0.0/16 to any port 8080 comment api http restricted',
      'allow proto tcp from 2001:db8::/32 to any port 8080 comment api http restricted',
      'allow proto tcp from 10.0.5.1 to any port 8080 comment api http restricted',
      'allow proto tcp from 10.0.5.2 to any port 8080 comment api http restricted',
      'allow proto tcp from any to any port 443 comment web https public',
      'allow proto tcp from any to any port 30443 comment web https nodePort public',
      'allow proto tcp from 203.0.113.7 to any port 22 comment firewall rule 1 SSH',
      '--force enable',
    ]);
  });

  it('skips a rule whose addresses are not given, with a warning, and resets only on request', () => {
    const { files } = emit(spec);
    const script = content(files, 'default/db.ufw.sh');
    const run = runUfwScript(script, { INFRASPEC_UFW_RESET: '1' });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("no addresses for 'firewall rule 1 SSH': rule skipped");
    expect(run.commands).toEqual(['--force reset', 'default deny incoming', 'default allow outgoing', 'default allow routed', '--force enable']);
  });

  it('refuses to enable a firewall without SSH over an SSH session, unless told to', () => {
    const { files } = emit(TWO_ROLES);
    const script = content(files, 'default/db.ufw.sh');
    const refused = runUfwScript(script, { SSH_CONNECTION: '198.51.100.1 50000 192.0.2.1 22' });
    expect(refused.status).toBe(1);
    expect(refused.commands).toEqual([]);
    expect(refused.stderr).toContain('opens no SSH port and you are connected over SSH');
    const allowed = runUfwScript(script, { SSH_CONNECTION: '198.51.100.1 50000 192.0.2.1 22', INFRASPEC_ALLOW_NO_SSH: '1' });
    expect(allowed.status).toBe(0);
    expect(allowed.commands.at(-1)).toBe('--force enable');
  });

  it('every example script runs against a recording ufw and ends by enabling it', () => {
    for (const example of EXAMPLES) {
      const loaded = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!loaded.model) throw new Error(example);
      for (const f of generate(loaded.model, { targets: [firewallEmitter] }).files) {
        if (!f.path.endsWith('.ufw.sh')) continue;
        const run = runUfwScript(f.content, { INFRASPEC_ALLOW_NO_SSH: '1' });
        expect(run.status, `${example}/${f.path}: ${run.stderr}`).toBe(0);
        expect(run.commands.slice(0, 2), `${example}/${f.path}`).toEqual(['default deny incoming', 'default allow outgoing']);
        expect(run.commands.at(-1), `${example}/${f.path}`).toBe('--force enable');
      }
    }
  });
});

/**
 * The ruleset on real packets: two network namespaces made for the test, joined
 * by a veth pair (no route leaves them); the generated ruleset loaded in the
 * server's namespace; TCP connections from two client addresses, one of them a
 * machine of the allowed role.
 */
describe('firewall: on real packets', () => {
  const ip = (...args: string[]) => {
    const r = spawnSync('ip', args, { encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.error?.message ?? r.stderr.trim()} (needs root and the Debian package iproute2)`);
  };

  it('admits a restricted port only from its sources, a public port from anyone, and nothing else', async () => {
    requireTool('nft', ['--version'], 'nftables');
    const { files } = emit(TWO_ROLES);
    const dir = mkdtempSync(join(tmpdir(), 'infraspec-netns-'));
    // The addresses of role `db`, as an operator would give them.
    mkdirSync(join(dir, 'nftables.d'));
    writeFileSync(join(dir, 'nftables.d', 'addresses.nft'), 'add element inet infraspec role_db_v4 { 10.231.0.3 }\n');
    writeFileSync(join(dir, 'app.nft'), content(files, 'default/app.nft').replaceAll('/etc/infraspec/nftables.d/*.nft', join(dir, 'nftables.d', '*.nft')));
    writeFileSync(
      join(dir, 'server.mjs'),
      "import net from 'node:net';\nconst ports = process.argv.slice(2).map(Number);\nlet n = 0;\nfor (const p of ports) net.createServer((s) => { s.on('error', () => {}); s.end('ok'); }).listen(p, '0.0.0.0', () => { if (++n === ports.length) console.log('ready'); });\n",
    );
    writeFileSync(
      join(dir, 'client.mjs'),
      "import net from 'node:net';\nconst [host, ...pairs] = process.argv.slice(2);\nconst tries = pairs.map((pair) => new Promise((done) => { const [from, port] = pair.split(':'); const s = net.connect({ host, port: Number(port), localAddress: from }); const t = setTimeout(() => { s.destroy(); done(`${pair}=closed`); }, 700); s.on('connect', () => { clearTimeout(t); s.destroy(); done(`${pair}=open`); }); s.on('error', () => { clearTimeout(t); done(`${pair}=closed`); }); }));\nconsole.log((await Promise.all(tries)).join(' '));\n",
    );
    const tag = `isp${process.pid % 100000}`;
    const [srv, cli] = [`${tag}s`, `${tag}c`];
    let server: ReturnType<typeof spawn> | undefined;
    try {
      ip('netns', 'add', srv);
      ip('netns', 'add', cli);
      ip('link', 'add', `${tag}a`, 'type', 'veth', 'peer', 'name', `${tag}b`);
      ip('link', 'set', `${tag}a`, 'netns', srv);
      ip('link', 'set', `${tag}b`, 'netns', cli);
      ip('-n', srv, 'addr', 'add', '10.231.0.1/24', 'dev', `${tag}a`);
      ip('-n', cli, 'addr', 'add', '10.231.0.2/24', 'dev', `${tag}b`);
      ip('-n', cli, 'addr', 'add', '10.231.0.3/24', 'dev', `${tag}b`);
      for (const ns of [srv, cli]) ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', srv, 'link', 'set', `${tag}a`, 'up');
      ip('-n', cli, 'link', 'set', `${tag}b`, 'up');
      const load = spawnSync('ip', ['netns', 'exec', srv, 'nft', '-f', join(dir, 'app.nft')], { encoding: 'utf8' });
      expect(load.status, load.stderr).toBe(0);
      server = spawn('ip', ['netns', 'exec', srv, process.execPath, join(dir, 'server.mjs'), '8080', '443', '9000', '9100'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const running = server;
      await new Promise<void>((resolve, reject) => {
        running.stdout?.on('data', (d: Buffer) => (d.toString().includes('ready') ? resolve() : undefined));
        running.on('exit', (code) => reject(new Error(`the test server exited (${code})`)));
      });
      const client = spawnSync('ip', ['netns', 'exec', cli, process.execPath, join(dir, 'client.mjs'), '10.231.0.1', '10.231.0.3:8080', '10.231.0.2:8080', '10.231.0.2:443', '10.231.0.2:9000', '10.231.0.2:9100'], { encoding: 'utf8' });
      expect(client.stdout.trim().split(' ')).toEqual([
        '10.231.0.3:8080=open', // a machine of role `db`: restricted port open
        '10.231.0.2:8080=closed', // anyone else: dropped
        '10.231.0.2:443=open', // public
        '10.231.0.2:9000=closed', // localhost exposure
        '10.231.0.2:9100=closed', // internal exposure
      ]);
    } finally {
      server?.kill();
      spawnSync('ip', ['netns', 'del', srv]);
      spawnSync('ip', ['netns', 'del', cli]);
    }
  });
});
