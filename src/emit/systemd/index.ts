import { containerPhases, NoteSink, type Container } from '../containers/index.js';
import { hostGroups } from '../containers/hosts.js';
import { jobTimer } from '../containers/timer.js';
import { PhaseUnitCache } from '../containers/unit-cache.js';
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
    const timers = new Map<Container, string | null>();
    // Volume and network services depend on their names and labels alone: the same text in every phase.
    const resources = new Map<string, string>();
    const resource = (key: string, write: () => string): string => {
      let text = resources.get(key);
      if (text === undefined) {
        text = write();
        resources.set(key, text);
      }
      return text;
    };
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
            let timer = timers.get(c);
            if (timer === undefined) {
              const sections = jobTimer(c, system, notes);
              timer = sections ? toUnitFile(sections, fileHead) : null;
              timers.set(c, timer);
            }
            if (timer !== null) files.push({ path: `${group.dir}/${c.name}.timer`, content: timer });
          }
          if (c.rootless && hosted.published.some((p) => p.hostPort < 1024)) {
            const low = hosted.published.filter((p) => p.hostPort < 1024).map((p) => p.hostPort);
            notes.add(`${c.component.name} publishes port${low.length > 1 ? 's' : ''} ${low.join(', ')} from rootless Podman: set the sysctl net.ipv4.ip_unprivileged_port_start to ${Math.min(...low)} or lower on its machines`, c.component.at);
          }
        }
        for (const [name, component] of volumes) {
          const content = resource(`volume\u0000${name}\u0000${component}`, () => resourceService('volume', name, [['system', system], ['component', component]], system, fileHead));
          files.push({ path: `${group.dir}/${volumeUnit(name)}`, content });
        }
        for (const key of phase.networks.map((n) => n.key).filter((k) => networks.has(k))) {
          const name = networkName(system, key);
          const labels: Array<[string, string]> = key === 'default' ? [['system', system]] : [['system', system], ['tier', key]];
          const content = resource(`network\u0000${key}`, () => resourceService('network', name, labels, system, fileHead));
          files.push({ path: `${group.dir}/${networkUnit(name)}`, content });
        }
      }
    }
    return { files, notes: notes.notes };
  },
};
