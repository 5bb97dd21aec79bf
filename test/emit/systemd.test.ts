import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cronToCalendar } from '../../src/emit/containers/cron.js';
import { generate } from '../../src/emit/generate.js';
import { systemdEmitter } from '../../src/emit/systemd/index.js';
import type { GeneratedFile } from '../../src/emit/types.js';
import { compileText } from '../../src/lint/tester.js';
import { loadSpec } from '../../src/spec/files.js';
import { ROOT } from '../helpers.js';

/**
 * The systemd target: services that run each container with `podman run` the
 * way `podman generate systemd --new` writes them. Every unit of every example
 * passes `systemd-analyze verify` (with the other units of its machine, so that
 * its dependencies resolve; verify also checks that `/usr/bin/podman` exists,
 * so Podman is installed, as CI does with `apt-get install podman`), and every
 * `podman run` flag is one the installed Podman accepts.
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

function requireTool(command: string, args: string[], debianPackage: string): string {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`\`${command}\` is missing or broken (${probe.error?.message ?? probe.stderr.trim()}): install the Debian package \`${debianPackage}\` (apt-get install ${debianPackage})`);
  }
  return probe.stdout;
}

/** `systemd-analyze verify` on units written together into one directory; its complaints, or ''. */
function verify(files: readonly GeneratedFile[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-systemd-'));
  const paths = files.map((f) => {
    const path = join(dir, f.path.split('/').pop() ?? f.path);
    writeFileSync(path, f.content);
    return path;
  });
  const result = spawnSync('systemd-analyze', ['verify', ...paths], { encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run systemd-analyze (${result.error.message}): install the Debian package \`systemd\``);
  return result.status === 0 ? result.stderr.trim() : `exit ${result.status}: ${result.stderr.trim()}`;
}

/** The words of the `ExecStart=` of a unit, continuation lines joined, quotes removed. */
function execStart(unit: string): string[] {
  const start = unit.indexOf('\nExecStart=');
  const end = unit.indexOf('\nExecStop=', start);
  const line = unit.slice(start + '\nExecStart='.length, end).replace(/ \\\n\s*/g, ' ');
  const words: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? ''));
  return words;
}

function emit(spec: string): { files: Map<string, string>; notes: string[] } {
  const compiled = compileText(spec);
  if (!compiled.model) throw new Error(`the test spec does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const result = generate(compiled.model, { targets: [systemdEmitter] });
  return { files: new Map(result.files.map((f) => [f.path, f.content])), notes: result.notes.map((n) => n.message) };
}

function content(files: Map<string, string>, path: string): string {
  const text = files.get(path);
  if (text === undefined) throw new Error(`no ${path} among ${[...files.keys()].join(', ')}`);
  return text;
}

describe('systemd: podman run as `podman generate systemd --new` writes it', () => {
  const { files } = emit(`
components:
  web:
    kind: service
    image: registry.example.com/web:1.2
    resources: { limits: { cpu: 500m, memory: 1Gi } }
    ports: [{ port: 8080, exposure: public }, { port: 9000, exposure: localhost }]
    env: { GREETING: "hello world", RATE: "100%", API_KEY: "\${STRIPE_KEY}" }
    health: { path: /healthz, port: 8080, timeout: 3s }
    security: { runAsUser: 1000, capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] } }
    flows: [{ to: db }]
  db:
    kind: datastore
    image: postgres:17
    volumes: [{ name: pgdata, size: 1Gi, mount: /var/lib/postgresql/data }]
`);

  it('writes a service per container and one per volume and network', () => {
    expect([...files.keys()].sort()).toEqual(['default/db.service', 'default/example-network.service', 'default/pgdata-volume.service', 'default/web.service']);
  });

  it('runs the container with the spec’s ports, environment, secrets, user, capabilities, limits and health check', () => {
    const words = execStart(content(files, 'default/web.service'));
    expect(words).toEqual([
      '/usr/bin/podman', 'run', '--cidfile=%t/%n.ctr-id', '--cgroups=no-conmon', '--rm', '--sdnotify=conmon', '--replace', '-d',
      '--name', 'web', '--network', 'example',
      '--publish', '8080:8080', '--publish', '127.0.0.1:9000:9000',
      '--env', 'GREETING=hello world', '--env', 'RATE=100%%', '--secret', 'STRIPE_KEY,type=env,target=API_KEY',
      '--user', '1000', '--cap-drop', 'ALL', '--cap-add', 'NET_BIND_SERVICE', '--cpus', '0.5', '--memory', '1g',
      '--health-cmd', 'curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1',
      '--health-timeout', '3s', '--health-on-failure', 'kill',
      'registry.example.com/web:1.2',
    ]);
  });

  it('is Type=notify with the cid file, stop and cleanup of generate systemd --new, and waits for what it calls', () => {
    const unit = content(files, 'default/web.service');
    for (const line of ['Type=notify', 'NotifyAccess=all', 'ExecStartPre=/bin/rm -f %t/%n.ctr-id', 'ExecStop=/usr/bin/podman stop --ignore -t 10 --cidfile=%t/%n.ctr-id', 'ExecStopPost=/usr/bin/podman rm -f --ignore -t 10 --cidfile=%t/%n.ctr-id', 'Environment=PODMAN_SYSTEMD_UNIT=%n', 'Restart=always', 'WantedBy=default.target']) {
      expect(unit.split('\n')).toContain(line);
    }
    expect(unit).toContain('Requires=example-network.service\nAfter=example-network.service\nRequires=db.service\nAfter=db.service\n');
  });

  it('creates the named volume before the container that mounts it, with a qualified image name', () => {
    const db = content(files, 'default/db.service');
    expect(db).toContain('Requires=pgdata-volume.service\nAfter=pgdata-volume.service\n');
    expect(execStart(db)).toEqual(expect.arrayContaining(['--volume', 'pgdata:/var/lib/postgresql/data', 'docker.io/library/postgres:17']));
    expect(content(files, 'default/pgdata-volume.service')).toContain('ExecStart=-/usr/bin/podman volume create --label io.infraspec.system=example --label io.infraspec.component=db pgdata\n');
  });
});

describe('systemd: jobs run from timers', () => {
  it('translates cron schedules to calendar events systemd accepts, and refuses what has no translation', () => {
    const cases: Array<[string, string | null]> = [
      ['0 3 * * *', '*-*-* 03:00:00'],
      ['*/15 * * * *', '*-*-* *:00/15:00'],
      ['30 2 * * 1-5', 'Mon..Fri *-*-* 02:30:00'],
      ['0 0 1 */3 *', '*-01/3-01 00:00:00'],
      ['0 12 * jan,jul sun', 'Sun *-01,07-* 12:00:00'],
      ['@weekly', 'weekly'],
      ['0 0 1 * 1', null],
      ['61 * * * *', null],
    ];
    for (const [cron, calendar] of cases) expect(cronToCalendar(cron), cron).toBe(calendar);
    requireTool('systemd-analyze', ['--version'], 'systemd');
    for (const [, calendar] of cases) {
      if (calendar === null) continue;
      const result = spawnSync('systemd-analyze', ['calendar', calendar], { encoding: 'utf8' });
      expect(result.status, `${calendar}: ${result.stderr}`).toBe(0);
    }
  });

  it('writes a timer for a scheduled job and says when a job has no schedule', () => {
    const { files, notes } = emit(`
components:
  report: { kind: job, image: x/report:1, schedule: "0 6 * * *" }
  cleanup: { kind: job, image: x/cleanup:1 }
`);
    expect(content(files, 'default/report.timer')).toContain('[Timer]\nOnCalendar=*-*-* 06:00:00\nPersistent=true\nUnit=report.service\n');
    expect(files.has('default/cleanup.timer')).toBe(false);
    expect(notes).toContain('cleanup is a job without a schedule: its unit has no timer and is started by hand (`systemctl start cleanup.service`)');
  });
});

describe('systemd: every unit of every example', () => {
  it('systemd-analyze and podman are installed', () => {
    requireTool('systemd-analyze', ['--version'], 'systemd');
    requireTool('podman', ['--version'], 'podman');
  });

  it('systemd-analyze verify complains about a broken unit (the check is not a no-op)', () => {
    expect(verify([{ path: 'a.service', content: '[Unit]\nRequires=nowhere.service\n\n[Service]\nExecStart=/usr/bin/podman run x\nTypo=1\n' }])).toMatch(/nowhere\.service|Typo/);
  });

  const runFlags = (() => {
    try {
      const help = requireTool('podman', ['run', '--help'], 'podman');
      return new Set([...help.matchAll(/(?:^|\s)(-[a-zA-Z]|--[a-z0-9-]+)/g)].map((m) => m[1]));
    } catch {
      return null;
    }
  })();

  for (const example of EXAMPLES) {
    it(`${example}: every unit verifies with the units of its machine, and podman knows every flag`, () => {
      const loaded = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!loaded.model) throw new Error(`examples/${example} does not compile`);
      const { files } = generate(loaded.model, { targets: [systemdEmitter] });
      expect(files.length).toBeGreaterThan(0);
      const groups = new Map<string, GeneratedFile[]>();
      for (const f of files) groups.set(dirname(f.path), [...(groups.get(dirname(f.path)) ?? []), f]);
      for (const [dir, group] of groups) expect(verify(group), `${example}/${dir}`).toBe('');
      if (runFlags === null) throw new Error('`podman run --help` failed: install the Debian package `podman`');
      for (const f of files) {
        const words = /\.service$/.test(f.path) ? execStart(f.content) : [];
        if (words[0] !== '/usr/bin/podman' || words[1] !== 'run') continue;
        const flags = words.filter((w) => w.startsWith('-')).map((w) => w.split('=')[0] ?? w);
        expect(flags.filter((flag) => !runFlags.has(flag)), `${example}/${f.path}`).toEqual([]);
      }
    });
  }

  it('writes the units of a machine into one folder, ready to copy', () => {
    const loaded = loadSpec(join(ROOT, 'examples', 'senex-trader'), ROOT);
    if (!loaded.model) throw new Error('examples/senex-trader does not compile');
    const paths = generate(loaded.model, { targets: [systemdEmitter] }).files.map((f) => f.path);
    expect(paths.filter((p) => p.startsWith('separated/db-server/')).sort()).toEqual(['separated/db-server/postgres_data-volume.service', 'separated/db-server/postgresql.service', 'separated/db-server/senex-trader-network.service']);
  });
});
