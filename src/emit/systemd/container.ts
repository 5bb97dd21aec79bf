import type { HostedContainer } from '../containers/hosts.js';
import { unitWords } from '../containers/escape.js';
import { podmanSettings } from '../containers/podman.js';
import { toUnitFile } from '../serialize.js';
import { networkName, networkUnit, volumeUnit } from './names.js';

const PODMAN = '/usr/bin/podman';

/** One argument group per line, continued with `\` (systemd.syntax(7)). */
function commandLines(lines: readonly (readonly string[])[]): string {
  return lines.map((words) => unitWords(words)).join(' \\\n    ');
}

/**
 * A service that runs the container as `podman generate systemd --new` writes
 * one (podman-generate-systemd(1)): a fresh container per start (`--rm`,
 * `--replace` removes a stale one of the same name), its id in a file under
 * `%t`, `Type=notify` with `--sdnotify=conmon` so systemd sees conmon start it.
 */
/** `head`: what the file starts with, the generated header and the install hint (the same for every unit). */
export function containerService(hosted: HostedContainer, system: string, phase: string, head: string): string {
  const c = hosted.container;
  const component = c.component;
  const needs: string[] = [];
  for (const key of c.networks) needs.push(networkUnit(networkName(system, key)));
  for (const v of c.volumes) needs.push(volumeUnit(v.name));
  for (const dep of hosted.dependsOn) needs.push(`${dep.name}.service`);
  const unit: Array<[string, string]> = [
    ['Description', `${system} ${component.name} (${component.kind}), phase ${phase}`],
    ['Documentation', 'man:podman-generate-systemd(1)'],
    ['Wants', 'network-online.target'],
    ['After', 'network-online.target'],
    ['RequiresMountsFor', '%t/containers'],
  ];
  for (const need of needs) unit.push(['Requires', need], ['After', need]);

  const run: string[][] = [
    [PODMAN, 'run'],
    ['--cidfile=%t/%n.ctr-id'],
    ['--cgroups=no-conmon', '--rm', '--sdnotify=conmon', '--replace', '-d'],
    ['--name', c.name],
  ];
  for (const key of c.networks) run.push(['--network', networkName(system, key)]);
  for (const v of c.volumes) run.push(['--volume', `${v.name}:${v.target}`]);
  for (const setting of podmanSettings(c, hosted.published)) run.push(setting.args);
  run.push([c.podmanImage]);
  // `unitWords` doubles `%`; the specifiers of the cid file are meant for systemd.
  const execStart = commandLines(run).replaceAll('%%t/%%n', '%t/%n');

  const job = c.schedule !== undefined;
  const service: Array<[string, string]> = [
    ['Environment', 'PODMAN_SYSTEMD_UNIT=%n'],
    ['Restart', job ? 'no' : 'always'],
    ['TimeoutStartSec', '900'],
    ['TimeoutStopSec', '70'],
    ['ExecStartPre', '/bin/rm -f %t/%n.ctr-id'],
    ['ExecStart', execStart],
    ['ExecStop', `${PODMAN} stop --ignore -t 10 --cidfile=%t/%n.ctr-id`],
    ['ExecStopPost', `${PODMAN} rm -f --ignore -t 10 --cidfile=%t/%n.ctr-id`],
    ['Type', 'notify'],
    ['NotifyAccess', 'all'],
  ];
  const install: Array<[string, string]> = job || c.replicas === 0 ? [] : [['WantedBy', 'default.target']];
  return toUnitFile(
    [
      { name: 'Unit', entries: unit },
      { name: 'Service', entries: service },
      { name: 'Install', entries: install },
    ],
    head,
  );
}

/**
 * The one-shot service that creates a named volume or a network before the
 * containers that use it. Podman before 4.4 has no `create --ignore`: the `-`
 * prefix accepts the failure of creating what exists (the container's start
 * then fails loudly if it really is missing). `head`: what the file starts with.
 */
export function resourceService(kind: 'volume' | 'network', name: string, labels: ReadonlyArray<readonly [string, string]>, system: string, head: string): string {
  const args = [PODMAN, kind, 'create', ...labels.flatMap(([k, v]) => ['--label', `io.infraspec.${k}=${v}`]), name];
  return toUnitFile(
    [
      { name: 'Unit', entries: [['Description', `${system} Podman ${kind} ${name}`], ['RequiresMountsFor', '%t/containers']] },
      { name: 'Service', entries: [['Type', 'oneshot'], ['RemainAfterExit', 'yes'], ['ExecStart', `-${unitWords(args)}`]] },
    ],
    head,
  );
}
