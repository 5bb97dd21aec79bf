import type { RolePlan, StatedPlan } from '../../plan/plan.js';
import type { Model, PhaseModel, RoleModel } from '../../spec/model.js';
import type { RequirementLevelInput, RoleInput } from '../../spec/schema.js';

function bases(model: Model, name: string): RoleModel | undefined {
  return model.roles.find((r) => r.name === name);
}
import type { DocContext } from './context.js';
import { statedByScope } from './context.js';
import { bytes, cores, mark, roleCount, systemOf, written } from './figures.js';
import { BR, bullets, code, compactTable, facts, paragraph, section, table, text, type Section } from './markdown.js';
import { mergeByKey } from './variants.js';

type Level = RequirementLevelInput | undefined;
type Row = [string, string, string, string];

/** Compute: one subsection per machine role, with its minimum and recommended levels. */
export function computeSection(ctx: DocContext): Section {
  const bases = new Map(ctx.model.roles.map((r) => [r.name, r]));
  const templates: RoleModel[] = [];
  const variants = mergeByKey<{ name: string; blocks: string[] }>(ctx.phases, (phase: PhaseModel, add) => {
    const plan = ctx.plans.get(phase.name);
    const stated = statedByScope(plan);
    for (const role of phase.roles) {
      const parent = role.input.extends === undefined ? undefined : bases.get(role.input.extends);
      if (parent?.abstract && !templates.includes(parent)) templates.push(parent);
      const rolePlan = plan?.roles.find((r) => r.name === role.name);
      const blocks = roleBlocks(ctx.model, role, parent ? withoutInherited(role.input, parent.input) : role.input, rolePlan, stated);
      add(`${role.name}\u0000${blocks.join('\u0000')}`, { name: role.name, blocks });
    }
  });
  const byRole = new Map<string, typeof variants>();
  for (const v of variants) {
    const list = byRole.get(v.value.name);
    if (list) list.push(v);
    else byRole.set(v.value.name, [v]);
  }
  const children: Section[] = templates.map((t) =>
    section(`${text(t.name)} (template)`, [`A template the roles below extend; it has no machines of its own. What a role inherits from it is not repeated under the role.`, ...roleBlocks(ctx.model, t, t.input, undefined, new Map())]),
  );
  for (const [name, list] of byRole) {
    for (const v of list) {
      const everywhere = v.phases.length === ctx.phases.length || ctx.phases.length === 1;
      const title = everywhere ? text(name) : `${text(name)} (${v.phases.length === 1 ? 'phase' : 'phases'} ${v.phases.map(code).join(', ')})`;
      children.push(section(title, v.value.blocks));
    }
  }
  return section('Compute', [], children);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A role's own fields: what it does not inherit unchanged from the role it extends. */
function withoutInherited(child: RoleInput, parent: RoleInput): RoleInput {
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(child)) {
    const inherited = (parent as Record<string, unknown>)[key];
    if (key === 'extends' || key === 'count') own[key] = value;
    else if ((key === 'minimum' || key === 'recommended') && typeof value === 'object' && value !== null && typeof inherited === 'object' && inherited !== null) {
      const level: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const from = (inherited as Record<string, unknown>)[k];
        if (k === 'software' && typeof v === 'object' && v !== null && typeof from === 'object' && from !== null) {
          const software = Object.fromEntries(Object.entries(v).filter(([name, entry]) => !same(entry, (from as Record<string, unknown>)[name])));
          if (Object.keys(software).length) level[k] = software;
        } else if (!same(v, from)) level[k] = v;
      }
      own[key] = level;
    } else if (!same(value, inherited)) own[key] = value;
  }
  return own as RoleInput;
}

function roleBlocks(model: Model, role: RoleModel, input: RoleInput, plan: RolePlan | undefined, stated: Map<string, StatedPlan[]>): string[] {
  const container = input.container;
  const reserved = input.reserved;
  const vertical = input.scaling?.vertical;
  const blocks: Array<string | null> = [
    input.description === undefined ? null : paragraph(input.description),
    facts([
      ['Machines', role.abstract ? null : roleCount(role.count) + (input.optional ? ' (optional)' : '')],
      ['Extends', input.extends === undefined ? null : `${code(input.extends)}${bases(model, input.extends)?.abstract ? ' (what it inherits is listed under the template)' : ''}`],
      ['Zones', input.zones?.length ? input.zones.map(code).join(', ') : null],
      ['Region', input.region === undefined ? null : code(input.region)],
      ['Offer', input.offer === undefined ? null : code(input.offer)],
      ['Cost per machine', written(model, input, 'cost') === null ? null : text(written(model, input, 'cost') ?? '')],
      ['Reserved for the system', reserved ? [written(model, reserved, 'cpu'), written(model, reserved, 'memory')].filter((x) => x !== null).map((x) => text(x ?? '')).join(', ') : null],
      ['Container engine', container ? `${text(container.engine)}${container.rootless ? ' (rootless)' : ''}${container.storageDriver ? `, storage driver ${code(container.storageDriver)}` : ''}${container.storagePath ? `, storage in ${code(container.storagePath)}` : ''}${container.notes ? `. ${text(container.notes)}` : ''}` : null],
      ['Labels', input.labels ? Object.entries(input.labels).map(([k, v]) => code(`${k}=${v}`)).join(', ') : null],
      ['Horizontal scaling', input.scaling?.horizontal === undefined ? null : text(input.scaling.horizontal)],
      ['Vertical scaling', vertical ? [written(model, vertical, 'maxCpu'), written(model, vertical, 'maxMemory')].filter((x) => x !== null).map((x) => `up to ${text(x ?? '')}`).join(', ') : null],
    ]),
    requirementTable(model, role, input),
    usersTable(input),
    directoriesTable(input),
    packagesBlock(input),
    input.capabilities?.length ? `Special requirements:\n\n${bullets(input.capabilities.map(text))}` : null,
    densityTable(model, role, plan, stated),
  ];
  return blocks.filter((b): b is string => b !== null && b !== '');
}

function requirementTable(model: Model, role: RoleModel, input: RoleInput): string | null {
  const minimum: Level = input.minimum;
  const recommended: Level = input.recommended;
  const rows: Row[] = [];
  const both = (label: string, cell: (level: NonNullable<Level>) => string, notes = '') => {
    const min = minimum ? cell(minimum) : '';
    const rec = recommended ? cell(recommended) : '';
    if (min !== '' || rec !== '') rows.push([label, min, rec, notes]);
  };
  const value = (key: keyof NonNullable<Level>) => (level: NonNullable<Level>) => {
    const w = written(model, level, key);
    return w === null ? '' : text(w);
  };
  const list = (key: 'cpuModel' | 'os' | 'osExcluded' | 'arch' | 'features') => (level: NonNullable<Level>) => (level[key]?.length ? (level[key] ?? []).map(text).join(', ') : '');
  both('CPU', value('cpu'));
  both('CPU model', list('cpuModel'));
  both('Memory', value('memory'));
  both('Memory type', value('memoryType'));
  both('Disk', value('disk'));
  both('Disks', (level) => disksCell(model, level));
  const diskTotals = ([[minimum, role.minimum.diskBytes], [recommended, role.recommended.diskBytes]] as const).map(([level, total]) =>
    level && level.disk === undefined && ((level.disks?.length ?? 0) > 1 || (level.disks?.[0]?.count ?? 1) > 1) ? disksTotal(model, level, total) : '',
  );
  if (diskTotals.some((t) => t !== '')) rows.push(['Disk (total)', diskTotals[0] ?? '', diskTotals[1] ?? '', 'sum of the disks']);
  both('IOPS', value('iops'));
  both('GPU', (level) => gpuCell(model, level));
  both('Network', value('network'));
  both('Bandwidth', value('bandwidth'));
  both('OS', list('os'));
  both('OS not supported', list('osExcluded'));
  both('Kernel', value('kernel'));
  both('Architecture', list('arch'));
  both('Features', list('features'));
  rows.push(...softwareRows(model, minimum, recommended));
  return compactTable(['Requirement', 'Minimum', 'Recommended', 'Notes'], rows, 1);
}

function disksCell(model: Model, level: NonNullable<Level>): string {
  return (level.disks ?? [])
    .map((d) => {
      const where = d.mount ?? d.device;
      const size = written(model, d, 'size') ?? '';
      const parts = [where ? `${code(where)}:` : '', `${d.count && d.count > 1 ? `${d.count}× ` : ''}${text(size)}`, d.media ? text(d.media.toUpperCase() === 'NVME' ? 'NVMe' : d.media.toUpperCase()) : '', d.purpose ? `(${text(d.purpose)})` : ''];
      return parts.filter((p) => p !== '').join(' ');
    })
    .join(BR);
}

function disksTotal(model: Model, level: NonNullable<Level>, totalBytes: bigint | null): string {
  if (totalBytes === null) return '';
  return bytes(totalBytes, systemOf((level.disks ?? []).map((d) => written(model, d, 'size'))));
}

function gpuCell(model: Model, level: NonNullable<Level>): string {
  const gpu = level.gpu;
  if (!gpu) return '';
  const memory = written(model, gpu, 'memory');
  const driver = written(model, gpu, 'driver');
  const cuda = written(model, gpu, 'cuda');
  return [
    `${gpu.count}×${gpu.vendor ? ` ${text(gpu.vendor === 'nvidia' ? 'NVIDIA' : gpu.vendor === 'amd' ? 'AMD' : 'Intel')}` : ''}${gpu.model ? ` ${text(gpu.model)}` : ''}${memory ? ` ${text(memory)}` : ''}`,
    driver ? `driver ${text(driver)}` : '',
    cuda ? `CUDA ${text(cuda)}` : '',
  ]
    .filter((p) => p !== '')
    .join(', ') + (gpu.notes ? ` (${text(gpu.notes)})` : '');
}

type SoftwareEntry = NonNullable<NonNullable<Level>['software']>[string];

function versionOf(model: Model, entry: SoftwareEntry | undefined, which: 'minimum' | 'recommended'): string {
  if (entry === undefined) return '';
  if (typeof entry === 'string' || typeof entry === 'number') return which === 'minimum' ? text(String(entry)) : '';
  const v = entry.version;
  if (v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return which === 'minimum' ? text(written(model, entry, 'version') ?? String(v)) : '';
  const range = written(model, v, which);
  const pinned = written(model, v, 'pinned');
  if (range !== null) return text(range);
  return which === 'minimum' && pinned !== null ? `exactly ${text(pinned)}` : '';
}

function softwareRows(model: Model, minimum: Level, recommended: Level): Row[] {
  const names: string[] = [];
  for (const level of [minimum, recommended]) for (const name of Object.keys(level?.software ?? {})) if (!names.includes(name)) names.push(name);
  return names.map((name) => {
    const min = minimum?.software?.[name];
    const rec = recommended?.software?.[name];
    const optional = [min, rec].some((e) => typeof e === 'object' && e !== null && e.optional === true);
    const minCell = versionOf(model, min, 'minimum') || (min !== undefined ? (optional ? 'optional' : 'required') : '');
    const recCell = versionOf(model, rec, 'minimum') || versionOf(model, min, 'recommended') || (rec !== undefined ? 'recommended' : '');
    const notes: string[] = [];
    for (const entry of [min, rec]) {
      if (entry === undefined || typeof entry !== 'object') continue;
      if (entry.optional && minCell !== 'optional') notes.push('optional');
      if (entry.package) notes.push(`package ${code(entry.package)}`);
      if (typeof entry.version === 'object' && entry.version.notes) notes.push(text(entry.version.notes));
      if (entry.notes) notes.push(text(entry.notes));
    }
    return [code(name), minCell, recCell, [...new Set(notes)].join('; ')] as Row;
  });
}

function usersTable(input: RoleInput): string | null {
  const rows = (input.users ?? []).map((u) => [code(u.name), u.shell ? code(u.shell) : '', (u.groups ?? []).map(code).join(', '), u.home ? code(u.home) : '', u.linger === undefined ? '' : u.linger ? 'yes' : 'no', u.subuid ? code(u.subuid) : '', u.subgid ? code(u.subgid) : '']);
  const t = compactTable(['User', 'Shell', 'Groups', 'Home', 'Linger', 'subuid', 'subgid'], rows);
  return t === null ? null : `Users:\n\n${t}`;
}

function directoriesTable(input: RoleInput): string | null {
  const rows = (input.directories ?? []).map((d) => [code(d.path), d.owner ? code(d.owner) : '', d.group ? code(d.group) : '', d.mode ? code(d.mode) : '', d.purpose ? text(d.purpose) : '']);
  const t = compactTable(['Directory', 'Owner', 'Group', 'Mode', 'Purpose'], rows);
  return t === null ? null : `Directories:\n\n${t}`;
}

function packagesBlock(input: RoleInput): string | null {
  const packages = input.packages;
  if (packages === undefined) return null;
  if (Array.isArray(packages)) return packages.length ? `Packages: ${packages.map(code).join(', ')}` : null;
  const t = table(['Package group', 'Packages'], Object.entries(packages).map(([group, list]) => [text(group), list.map(code).join(', ')]));
  return t === null ? null : `Packages:\n\n${t}`;
}

function densityTable(model: Model, role: RoleModel, plan: RolePlan | undefined, stated: Map<string, StatedPlan[]>): string | null {
  const rows = (role.input.density ?? []).map((d) => {
    const fit = plan?.density.find((x) => x.name === d.name);
    const rowsStated = stated.get(`density ${role.name}/${d.name}`) ?? [];
    const check = rowsStated[0];
    return [
      text(d.name),
      `${text(written(model, d, 'cpu') ?? '')}, ${text(written(model, d, 'memory') ?? '')}`,
      check ? text(check.stated) : text(written(model, d, 'perHost') ?? ''),
      fit?.fitsPerHost === null || fit === undefined ? '' : `${fit.fitsPerHost}${fit.limitedBy ? ` (limited by ${fit.limitedBy})` : ''}`,
      check ? mark(check.ok) : '',
    ];
  });
  if (rows.length === 0) return null;
  const per = plan?.perMachine;
  const size = per && per.cpuMillicores !== null && per.memoryBytes !== null ? ` on a ${per.level ?? ''} machine of ${cores(per.cpuMillicores)} and ${bytes(per.memoryBytes, systemOf([written(model, role.input[per.level ?? 'minimum'] ?? {}, 'memory')]))}` : '';
  return `Density (per machine, without overcommit${size}):\n\n${table(['Class', 'Size', 'Stated per host', 'Computed per host', 'Check'], rows)}`;
}

