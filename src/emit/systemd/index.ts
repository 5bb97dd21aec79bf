import { containerPhases, NoteSink, type Container } from '../containers/index.js';
import { hostGroups, noteLowPorts } from '../containers/hosts.js';
import { jobTimer } from '../containers/timer.js';
import { OncePerKey, PhaseUnitCache } from '../containers/unit-cache.js';
import { commentBlock, generatedHeader, toUnitFile } from '../serialize.js';
import type { Emitter, GeneratedFile } from '../types.js';
import { containerService, resourceService } from './container.js';
import { networkName, networkUnit, volumeUnit } from './names.js';

export const systemdEmitter: Emitter = {
  id: 'systemd',
  summary: 'Plain systemd services per phase (and per role when a phase has several) that run each container with `podman run`, as `podman generate systemd --new` does, with volume, network and timer units.',
  emit(context) {
    const notes = new NoteSink();
    const files: GeneratedFile[] = [];
    const system = context.model.system.name;
    const hint = 'systemd unit (podman run, as `podman generate systemd --new` writes it): put it in ~/.config/systemd/user/ (rootless) or /etc/systemd/system/, then run systemctl [--user] daemon-reload.';
    notes.add('systemd starts a container once the containers it needs have started, not once they are healthy; an unhealthy container is killed (--health-on-failure kill) and restarted by systemd');
    // Every unit file starts with the same comments: made once, not once per file (44,000 files at 10k components).
    const fileHead = `${generatedHeader(system)}${commentBlock([hint])}\n`;
    // Everything of a container's service before its description (see containerService).
    const unitHead = `${fileHead}[Unit]\nDescription=`;
    const units = new PhaseUnitCache();
    // A job's timer depends on its container alone, and phases share containers: written once per container.
    // (Its notes are said the first time, into this same sink, which says each once anyway.)
    const timers = new OncePerKey<Container, string | null>();
    // Volume and network services depend on their names and labels alone: the same text in every phase.
    const resources = new OncePerKey<string, string>();
    for (const phase of containerPhases(context, { notes })) {
      for (const group of hostGroups(phase, notes)) {
        const networks = new Set<string>();
        const volumes = new Map<string, string>();
        for (const hosted of group.containers) {
          const c = hosted.container;
          for (const n of c.networks) networks.add(n);
          for (const v of c.volumes) volumes.set(v.name, c.component.name);
          const lead = () => `${unitHead}${system} ${c.component.name} (${c.component.kind}), phase `;
          files.push({ path: `${group.dir}/${c.name}.service`, content: units.text(hosted, '', lead, phase.phase.name, notes, () => containerService(hosted, system, phase.phase.name, fileHead)) });
          if (c.schedule !== undefined) {
            const timer = timers.get(c, () => {
              const sections = jobTimer(c, system, notes);
              return sections ? toUnitFile(sections, fileHead) : null;
            });
            if (timer !== null) files.push({ path: `${group.dir}/${c.name}.timer`, content: timer });
          }
          noteLowPorts(hosted, notes);
        }
        for (const [name, component] of volumes) {
          const content = resources.get(`volume\u0000${name}\u0000${component}`, () => resourceService('volume', name, [['system', system], ['component', component]], system, fileHead));
          files.push({ path: `${group.dir}/${volumeUnit(name)}`, content });
        }
        for (const key of phase.networks.map((n) => n.key).filter((k) => networks.has(k))) {
          const name = networkName(system, key);
          const labels: Array<[string, string]> = key === 'default' ? [['system', system]] : [['system', system], ['tier', key]];
          const content = resources.get(`network\u0000${key}`, () => resourceService('network', name, labels, system, fileHead));
          files.push({ path: `${group.dir}/${networkUnit(name)}`, content });
        }
      }
    }
    return { files, notes: notes.notes };
  },
};
