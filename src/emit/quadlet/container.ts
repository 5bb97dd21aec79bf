import { toUnitFile } from '../serialize.js';
import type { HostedContainer } from '../containers/hosts.js';
import { unitWord, unitWords } from '../containers/escape.js';
import { podmanSettings } from '../containers/podman.js';
import type { NoteSink } from '../containers/index.js';
import { formatQuadletVersion, quadletSupports, versionAtLeast, type QuadletVersion } from './keys.js';
import { networkStem } from './names.js';

// Podman's default capability set (containers.conf(5), `default_capabilities`). Quadlet
// before 5.0 documents `DropCapability=` as defaulting to `all`; restoring the set keeps
// images that start as root and drop privileges (postgres, nginx) working.
const PODMAN_DEFAULT_CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

export interface ContainerUnitInput {
  hosted: HostedContainer;
  system: string;
  phase: string;
  target: QuadletVersion;
  /** Another container of this host waits for this one to be healthy. */
  awaitedHealthy: boolean;
  /** What the file starts with: the generated header and the install hint (the same for every unit). */
  head: string;
}

function quadletValue(key: string, value: string): string {
  // Quadlet copies these into the `podman run` command line, where systemd expands `%` and `$`.
  if (key === 'Environment') return unitWord(value);
  return value.replaceAll('%', '%%').replaceAll('$', '$$$$');
}

export function containerUnit(input: ContainerUnitInput, notes: NoteSink): string {
  const { hosted, system, target } = input;
  const c = hosted.container;
  const component = c.component;
  const unit: Array<[string, string]> = [['Description', `${system} ${component.name} (${component.kind}), phase ${input.phase}`]];
  for (const dep of hosted.dependsOn) {
    unit.push(['Requires', `${dep.name}.service`], ['After', `${dep.name}.service`]);
  }
  const entries: Array<[string, string]> = [['ContainerName', c.name], ['Image', c.podmanImage]];
  for (const key of c.networks) entries.push(['Network', `${networkStem(system, key)}.network`]);
  for (const v of c.volumes) entries.push(['Volume', `${v.name}.volume:${v.target}`]);
  const podmanArgs: string[][] = [];
  for (const setting of podmanSettings(c, hosted.published)) {
    if (setting.key !== null && quadletSupports('Container', setting.key, target)) entries.push([setting.key, quadletValue(setting.key, setting.value)]);
    else podmanArgs.push(setting.args);
  }
  const capability = (cap: string) => cap.toUpperCase().replace(/^CAP_/, '');
  if (!versionAtLeast(target, [5, 0]) && !c.capDrop.some((cap) => capability(cap) === 'ALL')) {
    const named = new Set([...c.capAdd, ...c.capDrop].map(capability));
    const missing = PODMAN_DEFAULT_CAPABILITIES.filter((cap) => !named.has(cap));
    entries.push(['AddCapability', missing.join(' ')]);
    notes.add(`Quadlet before Podman 5.0 documents dropping all capabilities by default: the units for Podman ${formatQuadletVersion(target)} add Podman's default set back where the spec does not drop \`ALL\``);
  }
  // Quadlet 4.4 and 4.5 document that their units never pull an image; 4.6 added `Pull=`.
  if (quadletSupports('Container', 'Pull', target)) entries.push(['Pull', 'missing']);
  else podmanArgs.push(['--pull', 'missing']);
  if (input.awaitedHealthy && c.health) {
    if (versionAtLeast(target, [5, 0])) entries.push(['Notify', 'healthy']);
    else notes.add(`units for Podman ${formatQuadletVersion(target)} start a container once the one it needs has started, not once it is healthy (\`Notify=healthy\` needs Podman 5.0)`);
  }
  for (const args of podmanArgs) entries.push(['PodmanArgs', unitWords(args)]);

  const job = c.schedule !== undefined;
  const service: Array<[string, string]> = [['Restart', job ? 'no' : 'always'], ['TimeoutStartSec', '900']];
  const install: Array<[string, string]> = job || c.replicas === 0 ? [] : [['WantedBy', 'default.target']];
  if (c.replicas === 0) notes.add(`${component.name} has 0 replicas: its unit is not started at boot`, component.at);
  if (c.replicas > 1 && component.kind !== 'datastore') {
    notes.add(`${component.name}: ${c.replicas} replicas are ${c.replicas} machines running this unit; one machine runs one copy (a second needs its own name and ports)`, component.at);
  }
  return toUnitFile(
    [
      { name: 'Unit', entries: unit },
      { name: 'Container', entries },
      { name: 'Service', entries: service },
      { name: 'Install', entries: install },
    ],
    input.head,
  );
}
