import { containerPhases, NoteSink, type Container } from '../containers/index.js';
import { hostGroups, noteLowPorts } from '../containers/hosts.js';
import { jobTimer } from '../containers/timer.js';
import { OncePerKey, PhaseUnitCache } from '../containers/unit-cache.js';
import { unitWord } from '../containers/escape.js';
import { commentBlock, generatedHeader, toUnitFile } from '../serialize.js';
import type { Emitter, GeneratedFile } from '../types.js';
import { containerUnit } from './container.js';
import { formatQuadletVersion, quadletSupports } from './keys.js';
import { networkStem } from './names.js';
import { quadletTarget } from './target.js';

export const quadletEmitter: Emitter = {
  id: 'quadlet',
  summary: 'Podman Quadlet units per phase (and per role when a phase has several): a `.container` per component, `.volume` and `.network` units, timers for jobs.',
  emit(context) {
    const notes = new NoteSink();
    const files: GeneratedFile[] = [];
    const system = context.model.system.name;
    const target = quadletTarget(context.model);
    const version = formatQuadletVersion(target);
    const hint = `Quadlet unit for Podman ${version} or later: put it in ~/.config/containers/systemd/ (rootless) or /etc/containers/systemd/, then run systemctl [--user] daemon-reload.`;
    const label = (key: string, value: string): [string, string] => ['Label', unitWord(`io.infraspec.${key}=${value}`)];
    if (!quadletSupports('Volume', 'VolumeName', target)) {
      notes.add(`Quadlet of Podman ${version} names the volume of \`NAME.volume\` \`systemd-NAME\` and the network of \`NAME.network\` \`systemd-NAME\` (\`VolumeName=\`/\`NetworkName=\` came in 4.7)`);
    }
    // Every unit file starts with the same comments: made once, not once per file (44,000 files at 10k components).
    const fileHead = `${generatedHeader(system)}${commentBlock([hint])}\n`;
    const timerHead = `${generatedHeader(system)}${commentBlock(['A plain systemd timer (Quadlet does not read it): put it in ~/.config/systemd/user/ or /etc/systemd/system/ and enable it.'])}\n`;
    // Everything of a `.container` unit before its description (see containerUnit).
    const unitHead = `${fileHead}[Unit]\nDescription=`;
    const units = new PhaseUnitCache();
    // A job's timer depends on its container alone, and phases share containers: written once per container.
    // (Its notes are said the first time, into this same sink, which says each once anyway.)
    const timers = new OncePerKey<Container, string | null>();
    // Volume and network units depend on their names and labels alone: the same text in every phase.
    const resources = new OncePerKey<string, string>();
    for (const phase of containerPhases(context, { notes })) {
      for (const group of hostGroups(phase, notes)) {
        // The containers of the group that another waits for healthy (a loop: no list per container, 10k a phase).
        const awaited = new Set<string>();
        for (const h of group.containers) for (const d of h.dependsOn) if (d.healthy) awaited.add(d.name);
        const networks = new Set<string>();
        const volumes = new Map<string, string>();
        for (const hosted of group.containers) {
          const c = hosted.container;
          for (const n of c.networks) networks.add(n);
          for (const v of c.volumes) volumes.set(v.name, c.component.name);
          const awaitedHealthy = awaited.has(c.name);
          const lead = () => `${unitHead}${system} ${c.component.name} (${c.component.kind}), phase `;
          const content = units.text(hosted, awaitedHealthy ? 'awaited' : '', lead, phase.phase.name, notes, (own) => containerUnit({ hosted, system, phase: phase.phase.name, target, awaitedHealthy, head: fileHead }, own));
          files.push({ path: `${group.dir}/${c.name}.container`, content });
          if (c.schedule !== undefined) {
            const timer = timers.get(c, () => {
              const sections = jobTimer(c, system, notes);
              return sections ? toUnitFile(sections, timerHead) : null;
            });
            if (timer !== null) files.push({ path: `${group.dir}/${c.name}.timer`, content: timer });
          }
          noteLowPorts(hosted, notes);
        }
        for (const [name, component] of volumes) {
          const content = resources.get(`volume\u0000${name}\u0000${component}`, () => {
            const entries: Array<[string, string]> = [];
            if (quadletSupports('Volume', 'VolumeName', target)) entries.push(['VolumeName', name]);
            entries.push(label('system', system), label('component', component));
            return toUnitFile([{ name: 'Volume', entries }], fileHead);
          });
          files.push({ path: `${group.dir}/${name}.volume`, content });
        }
        for (const key of phase.networks.map((n) => n.key).filter((k) => networks.has(k))) {
          const stem = networkStem(system, key);
          const content = resources.get(`network\u0000${key}`, () => {
            const entries: Array<[string, string]> = [];
            if (quadletSupports('Network', 'NetworkName', target)) entries.push(['NetworkName', stem]);
            entries.push(label('system', system));
            if (key !== 'default') entries.push(label('tier', key));
            return toUnitFile([{ name: 'Network', entries }], fileHead);
          });
          files.push({ path: `${group.dir}/${stem}.network`, content });
        }
      }
    }
    return { files, notes: notes.notes };
  },
};
