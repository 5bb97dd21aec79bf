import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/emit/generate.js';
import { quadletEmitter } from '../../src/emit/quadlet/index.js';
import { QUADLET_KEYS, formatQuadletVersion, quadletSupports, type QuadletVersion } from '../../src/emit/quadlet/keys.js';
import { quadletTarget } from '../../src/emit/quadlet/target.js';
import type { GeneratedFile } from '../../src/emit/types.js';
import { compileText } from '../../src/lint/tester.js';
import { loadSpec } from '../../src/spec/files.js';
import type { Model } from '../../src/spec/model.js';
import { ROOT } from '../helpers.js';

/**
 * The Quadlet target. Debian 12's Podman (4.3.1) has no Quadlet generator, so a
 * unit is checked the way Quadlet would first check it: every key of its
 * Quadlet sections is one that podman-systemd.unit(5) documents for the target
 * version (the table in src/emit/quadlet/keys.ts), `Image=` is there, and every
 * `.volume`/`.network` it names is generated beside it. The systemd parts
 * ([Unit], [Service], [Install]) are checked by `systemd-analyze verify`, on
 * the service Quadlet would generate from them (with the `ExecStart=`,
 * `Type=` and volume/network dependencies the generator adds).
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

interface Unit {
  sections: Array<{ name: string; entries: Array<[string, string]> }>;
}

/** systemd.syntax(7): `[Section]`, `Key=Value`, `#`/`;` comments, a trailing `\` continues the line. */
function parseUnit(text: string): Unit {
  const sections: Unit['sections'] = [];
  let logical = '';
  for (const raw of text.split('\n')) {
    if (logical === '' && (raw.startsWith('#') || raw.startsWith(';'))) continue;
    if (raw.endsWith('\\')) {
      logical += `${raw.slice(0, -1)} `;
      continue;
    }
    const line = (logical + raw).trim();
    logical = '';
    if (line === '') continue;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      sections.push({ name: header[1] ?? '', entries: [] });
      continue;
    }
    const eq = line.indexOf('=');
    const current = sections[sections.length - 1];
    if (eq <= 0 || !current) throw new Error(`not a unit line: ${line}`);
    current.entries.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return { sections };
}

function section(unit: Unit, name: string): Array<[string, string]> {
  return unit.sections.filter((s) => s.name === name).flatMap((s) => s.entries);
}

const QUADLET_SECTION: Record<string, keyof typeof QUADLET_KEYS> = { container: 'Container', volume: 'Volume', network: 'Network' };

/** What Quadlet itself would refuse: a key its version does not know, a missing `Image=`, a missing volume or network unit. */
function quadletProblems(files: readonly GeneratedFile[], target: QuadletVersion): string[] {
  const problems: string[] = [];
  const paths = new Set(files.map((f) => f.path));
  for (const f of files) {
    const kind = /\.(container|volume|network|timer)$/.exec(f.path)?.[1];
    if (!kind) {
      problems.push(`${f.path}: not a Quadlet or timer unit`);
      continue;
    }
    if (kind === 'timer') continue;
    const unit = parseUnit(f.content);
    const own = QUADLET_SECTION[kind] ?? 'Container';
    for (const s of unit.sections) {
      if (!['Unit', 'Service', 'Install', own].includes(s.name)) problems.push(`${f.path}: section [${s.name}] in a .${kind}`);
    }
    for (const sectionName of [own, 'Install'] as const) {
      for (const [key] of section(unit, sectionName)) {
        if (!quadletSupports(sectionName, key, target)) problems.push(`${f.path}: [${sectionName}] ${key} is not a Quadlet key of Podman ${formatQuadletVersion(target)}`);
      }
    }
    if (kind === 'container') {
      const entries = section(unit, 'Container');
      if (!entries.some(([k, v]) => k === 'Image' && v !== '')) problems.push(`${f.path}: no Image=`);
      const dir = dirname(f.path);
      for (const [key, value] of entries) {
        const ref = key === 'Volume' ? /^([^:/]+\.volume):/.exec(value)?.[1] : key === 'Network' ? /^(.+\.network)$/.exec(value)?.[1] : undefined;
        if (ref && !paths.has(`${dir}/${ref}`)) problems.push(`${f.path}: ${key}=${value} names ${ref}, which is not beside it`);
      }
    }
  }
  return problems;
}

function requireTool(command: string, args: string[], debianPackage: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`\`${command}\` is missing or broken (${probe.error?.message ?? probe.stderr.trim()}): install the Debian package \`${debianPackage}\` (apt-get install ${debianPackage})`);
  }
}

function render(sections: Unit['sections']): string {
  return sections.filter((s) => s.entries.length).map((s) => [`[${s.name}]`, ...s.entries.map(([k, v]) => `${k}=${v}`)].join('\n')).join('\n\n') + '\n';
}

/**
 * The service Quadlet generates from a unit, as far as systemd sees it: the unit's own
 * [Unit]/[Service]/[Install], plus what podman-systemd.unit(5) says the generator adds —
 * `Type=notify` and a `podman run` for a container, a one-shot `podman volume|network create`
 * otherwise, and a dependency on the service of every `.volume`/`.network` a container names.
 */
function generatedService(file: GeneratedFile): { name: string; text: string } | null {
  const match = /([^/]+)\.(container|volume|network|timer)$/.exec(file.path);
  if (!match) return null;
  const [, stem, kind] = match;
  if (kind === 'timer') return { name: `${stem}.timer`, text: file.content };
  const unit = parseUnit(file.content);
  const unitEntries = section(unit, 'Unit');
  const service = section(unit, 'Service');
  if (kind === 'container') {
    const container = section(unit, 'Container');
    for (const [key, value] of container) {
      const ref = key === 'Volume' ? /^([^:/]+)\.volume:/.exec(value)?.[1] : key === 'Network' ? /^(.+)\.network$/.exec(value)?.[1] : undefined;
      if (ref) unitEntries.push(['Requires', `${ref}-${key.toLowerCase()}.service`], ['After', `${ref}-${key.toLowerCase()}.service`]);
    }
    const image = container.find(([k]) => k === 'Image')?.[1] ?? '';
    service.push(['Type', 'notify'], ['NotifyAccess', 'all'], ['ExecStart', `/usr/bin/podman run --rm --sdnotify=conmon --name=systemd-${stem} ${image}`]);
    return { name: `${stem}.service`, text: render([{ name: 'Unit', entries: unitEntries }, { name: 'Service', entries: service }, { name: 'Install', entries: section(unit, 'Install') }]) };
  }
  service.push(['Type', 'oneshot'], ['RemainAfterExit', 'yes'], ['ExecStart', `/usr/bin/podman ${kind} create systemd-${stem}`]);
  return { name: `${stem}-${kind}.service`, text: render([{ name: 'Unit', entries: unitEntries }, { name: 'Service', entries: service }]) };
}

/** `systemd-analyze verify` over the services of one directory together (their dependencies must resolve); its complaints, or ''. */
function verifyGroup(files: readonly GeneratedFile[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'infraspec-quadlet-'));
  const paths: string[] = [];
  for (const f of files) {
    const generated = generatedService(f);
    if (!generated) continue;
    const path = join(dir, generated.name);
    writeFileSync(path, generated.text);
    paths.push(path);
  }
  const result = spawnSync('systemd-analyze', ['verify', ...paths], { encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run systemd-analyze (${result.error.message}): install the Debian package \`systemd\``);
  return result.status === 0 ? result.stderr.trim() : `exit ${result.status}: ${result.stderr.trim()}`;
}

function byDirectory(files: readonly GeneratedFile[]): Map<string, GeneratedFile[]> {
  const groups = new Map<string, GeneratedFile[]>();
  for (const f of files) {
    const dir = dirname(f.path);
    groups.set(dir, [...(groups.get(dir) ?? []), f]);
  }
  return groups;
}

function compile(spec: string): Model {
  const compiled = compileText(spec);
  if (!compiled.model) throw new Error(`the test spec does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return compiled.model;
}

function emit(spec: string): { files: Map<string, string>; notes: string[]; model: Model } {
  const model = compile(spec);
  const result = generate(model, { targets: [quadletEmitter] });
  return { files: new Map(result.files.map((f) => [f.path, f.content])), notes: result.notes.map((n) => n.message), model };
}

function body(files: Map<string, string>, path: string): string {
  const text = files.get(path);
  if (text === undefined) throw new Error(`no ${path} among ${[...files.keys()].join(', ')}`);
  return text.slice(text.indexOf('\n\n') + 2);
}

const APP = `
components:
  web:
    kind: service
    image: registry.example.com/web:1.2
    resources: { requests: { cpu: 250m, memory: 256Mi }, limits: { cpu: "1", memory: 512Mi } }
    ports: [{ port: 8080, exposure: public }]
    env: { LOG_LEVEL: info, DB_PASSWORD: "\${DB_PASSWORD}" }
    health: { path: /healthz, port: 8080, interval: 10s }
    security: { runAsUser: 1000 }
    flows: [{ to: db, port: 5432 }]
  db:
    kind: datastore
    engine: postgresql
    version: "17.6"
    ports: [{ port: 5432 }]
    volumes: [{ name: pgdata, size: 10Gi }]
`;

describe('quadlet: units for Podman 4.4', () => {
  const { files, notes, model } = emit(APP);

  it('targets Podman 4.4 when the spec requires no later one', () => {
    expect(quadletTarget(model)).toEqual([4, 4]);
    expect([...files.keys()].sort()).toEqual(['default/db.container', 'default/example.network', 'default/pgdata.volume', 'default/web.container']);
  });

  it('writes the container with 4.4 keys and passes the rest as PodmanArgs', () => {
    expect(files.get('default/web.container')).toContain('# Quadlet unit for Podman 4.4 or later: put it in ~/.config/containers/systemd/ (rootless) or /etc/containers/systemd/, then run systemctl [--user] daemon-reload.\n');
    expect(body(files, 'default/web.container')).toBe(`[Unit]
Description=example web (service), phase default
Requires=db.service
After=db.service

[Container]
ContainerName=web
Image=registry.example.com/web:1.2
Network=example.network
PublishPort=8080:8080
Environment=LOG_LEVEL=info
User=1000
AddCapability=CHOWN DAC_OVERRIDE FOWNER FSETID KILL NET_BIND_SERVICE SETFCAP SETGID SETPCAP SETUID SYS_CHROOT
PodmanArgs=--secret DB_PASSWORD,type=env,target=DB_PASSWORD
PodmanArgs=--cpus 1
PodmanArgs=--memory 512m
PodmanArgs=--memory-reservation 256m
PodmanArgs=--health-cmd "curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1"
PodmanArgs=--health-interval 10s
PodmanArgs=--health-on-failure kill
PodmanArgs=--pull missing

[Service]
Restart=always
TimeoutStartSec=900

[Install]
WantedBy=default.target
`);
  });

  it('mounts the named volume through its .volume unit, and says how 4.4 names it', () => {
    expect(body(files, 'default/db.container')).toContain('Volume=pgdata.volume:/var/lib/postgresql/data\n');
    expect(body(files, 'default/db.container')).toContain('Image=docker.io/library/postgres:17.6\n');
    expect(body(files, 'default/pgdata.volume')).toContain('[Volume]\nLabel=io.infraspec.system=example\nLabel=io.infraspec.component=db\n');
    expect(notes).toContain('Quadlet of Podman 4.4 names the volume of `NAME.volume` `systemd-NAME` and the network of `NAME.network` `systemd-NAME` (`VolumeName=`/`NetworkName=` came in 4.7)');
  });
});

describe('quadlet: a spec that requires a later Podman gets its keys', () => {
  const { files, model } = emit(`${APP}
roles:
  host:
    minimum: { software: { podman: 5.0+ } }
`);

  it('uses Secret=, Health*=, Pull=, VolumeName= and NetworkName= natively, and Notify=healthy on what others wait for', () => {
    expect(quadletTarget(model)).toEqual([5, 0]);
    const web = body(files, 'default/web.container');
    expect(web).toContain('Secret=DB_PASSWORD,type=env,target=DB_PASSWORD\n');
    expect(web).toContain('HealthCmd=curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1\nHealthInterval=10s\nHealthOnFailure=kill\n');
    expect(web).toContain('Pull=missing\n');
    expect(web).not.toContain('AddCapability=');
    expect(web).toContain('PodmanArgs=--cpus 1\n');
    expect(body(files, 'default/db.container')).toContain('Notify=healthy\n');
    expect(body(files, 'default/pgdata.volume')).toContain('VolumeName=pgdata\n');
    expect(body(files, 'default/example.network')).toContain('NetworkName=example\n');
    expect(quadletProblems(generate(model, { targets: [quadletEmitter] }).files, [5, 0])).toEqual([]);
  });
});

describe('quadlet: one folder per role when a phase spreads over machines', () => {
  const { files, notes } = emit(`
roles:
  app: { count: 1 }
  db: { count: 1 }
components:
  web: { kind: service, image: x/web:1, placement: { role: app }, flows: [{ to: pg, port: 5432 }] }
  pg: { kind: datastore, image: postgres:17, placement: { role: db }, ports: [{ port: 5432, exposure: internal }] }
  nightly: { kind: job, image: x/job:1, schedule: "30 2 * * 1-5", placement: { role: app } }
`);

  it('puts each role’s units in its folder, publishes a port another machine calls, and drops the cross-machine dependency', () => {
    expect([...files.keys()].sort()).toEqual(['default/app/example.network', 'default/app/nightly.container', 'default/app/nightly.timer', 'default/app/web.container', 'default/db/example.network', 'default/db/pg.container']);
    expect(body(files, 'default/app/web.container')).not.toContain('Requires=');
    expect(body(files, 'default/db/pg.container')).toContain('PublishPort=5432:5432\n');
    expect(notes).toContain("phase `default`: a flow crosses machines, with no start dependency across them (callers reach the target at its machine's address): web (app) → pg (db)");
  });

  it('starts a job from a timer on its schedule, and not at boot', () => {
    expect(body(files, 'default/app/nightly.timer')).toContain('[Timer]\nOnCalendar=Mon..Fri *-*-* 02:30:00\nPersistent=true\nUnit=nightly.service\n');
    expect(body(files, 'default/app/nightly.container')).not.toContain('[Install]');
    expect(body(files, 'default/app/nightly.container')).toContain('Restart=no\n');
    requireTool('systemd-analyze', ['--version'], 'systemd');
    const calendar = spawnSync('systemd-analyze', ['calendar', 'Mon..Fri *-*-* 02:30:00'], { encoding: 'utf8' });
    expect(calendar.status, calendar.stderr).toBe(0);
  });
});

describe('quadlet: the key table', () => {
  it('knows Quadlet’s first keys at 4.4 and later ones only from their version', () => {
    expect(quadletSupports('Container', 'Image', [4, 4])).toBe(true);
    expect(quadletSupports('Container', 'Secret', [4, 4])).toBe(false);
    expect(quadletSupports('Container', 'Secret', [4, 5])).toBe(true);
    expect(quadletSupports('Volume', 'VolumeName', [4, 6])).toBe(false);
    expect(quadletSupports('Volume', 'VolumeName', [4, 7])).toBe(true);
    expect(quadletSupports('Container', 'Pod', [4, 9])).toBe(false);
    expect(quadletSupports('Container', 'NoSuchKey', [9, 9])).toBe(false);
  });

  it('finds a key the target does not have (the check is not a no-op)', () => {
    const bad: GeneratedFile = { path: 'p/a.container', content: '[Container]\nImage=x\nSecret=s\nVolume=missing.volume:/data\n' };
    expect(quadletProblems([bad], [4, 4])).toEqual(['p/a.container: [Container] Secret is not a Quadlet key of Podman 4.4', 'p/a.container: Volume=missing.volume:/data names missing.volume, which is not beside it']);
  });
});

describe('quadlet: every unit of every example', () => {
  it('systemd-analyze and podman are installed (verify checks that ExecStart= names an existing binary)', () => {
    requireTool('systemd-analyze', ['--version'], 'systemd');
    requireTool('podman', ['--version'], 'podman');
  });

  it('systemd-analyze verify complains about a broken unit (the check is not a no-op)', () => {
    const broken: GeneratedFile = { path: 'p/a.container', content: '[Unit]\nRequires=nowhere.service\n\n[Container]\nImage=x\n' };
    expect(verifyGroup([broken])).toMatch(/nowhere\.service/);
  });

  for (const example of EXAMPLES) {
    it(`${example}: Quadlet keys of the target version, and the systemd parts verify`, () => {
      const loaded = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!loaded.model) throw new Error(`examples/${example} does not compile`);
      const { files } = generate(loaded.model, { targets: [quadletEmitter] });
      expect(files.length).toBeGreaterThan(0);
      expect(quadletProblems(files, quadletTarget(loaded.model))).toEqual([]);
      for (const [dir, group] of byDirectory(files)) expect(verifyGroup(group), `${example}/${dir}`).toBe('');
    });
  }

  it('senex-trader (rootless Podman) gets a .container for each of its containers in every phase', () => {
    const loaded = loadSpec(join(ROOT, 'examples', 'senex-trader'), ROOT);
    if (!loaded.model) throw new Error('examples/senex-trader does not compile');
    const paths = generate(loaded.model, { targets: [quadletEmitter] }).files.map((f) => f.path);
    expect(paths.filter((p) => p.startsWith('mvp/')).sort()).toEqual([
      'mvp/celery.container', 'mvp/django.container', 'mvp/flower.container', 'mvp/nginx.container', 'mvp/postgres_data.volume',
      'mvp/postgresql.container', 'mvp/redis.container', 'mvp/redis_data.volume', 'mvp/senex-trader.network',
    ]);
    expect(paths).toContain('separated/db-server/postgresql.container');
    expect(paths).toContain('ha/monitoring-server/grafana.container');
  });
});
