/**
 * The topology as a Mermaid flowchart: components grouped by the role they run
 * on (or, unplaced, by the network tier that hosts them, or by kind), flows as
 * edges labelled with port, protocol and latency bound, and the ports open to
 * the Internet. Node ids come from spec names through `identifier`, prefixed
 * so that no name can collide with a Mermaid keyword (`end`, `graph`…).
 */
import type { ComponentModel, Model, PhaseModel } from '../../spec/model.js';
import { identifier } from '../names.js';
import type { DocContext } from './context.js';
import { written } from './figures.js';
import { code, fence, section, type Section } from './markdown.js';
import { mergeByKey } from './variants.js';

/** Text inside a quoted Mermaid label: quotes, angle brackets, `#`, `&` and backticks as Mermaid entity codes. */
export function mermaidText(value: string): string {
  return value
    .replace(/\r?\n/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/&/g, '#amp;')
    .replace(/`/g, '#96;')
    .replace(/\|/g, '#124;');
}

/** Unique, keyword-proof ids: `prefix_identifier`, numbered when two names clean to the same. */
class Ids {
  readonly #used = new Set<string>();
  readonly #byName = new Map<string, string>();

  id(prefix: string, name: string): string {
    const key = `${prefix}\u0000${name}`;
    const known = this.#byName.get(key);
    if (known) return known;
    const base = `${prefix}_${identifier(name)}`;
    let id = base;
    for (let n = 2; this.#used.has(id); n++) id = `${base}_${n}`;
    this.#used.add(id);
    this.#byName.set(key, id);
    return id;
  }
}

const KIND_GROUPS: Readonly<Record<ComponentModel['kind'], string>> = {
  service: 'Services',
  worker: 'Workers',
  datastore: 'Datastores',
  job: 'Jobs',
  daemon: 'Daemons',
  external: 'External services',
};

function shape(c: ComponentModel, label: string): string {
  const l = `"${label}"`;
  switch (c.kind) {
    case 'datastore':
      return `[(${l})]`;
    case 'worker':
      return `[[${l}]]`;
    case 'job':
      return `[/${l}/]`;
    case 'daemon':
      return `(${l})`;
    case 'external':
      return `{{${l}}}`;
    default:
      return `[${l}]`;
  }
}

function nodeLabel(c: ComponentModel): string {
  const lines = [mermaidText(c.name)];
  const detail: string[] = [];
  if (c.input.engine && c.input.engine !== c.name) detail.push(c.input.engine);
  if (c.kind === 'daemon') detail.push('per machine');
  else if (c.kind !== 'external' && c.kind !== 'job' && (c.replicas.min !== 1 || c.replicas.max !== 1)) detail.push(c.replicas.min === c.replicas.max ? `×${c.replicas.min}` : `×${c.replicas.min}–${c.replicas.max}`);
  if (c.kind === 'job') detail.push('CronJob');
  if (detail.length) lines.push(mermaidText(detail.join(' ')));
  return lines.join('<br/>');
}

interface Group {
  id: string;
  title: string;
  members: string[];
}

/**
 * Mermaid's own limits (its defaults, which GitHub keeps): a diagram of more
 * than 50,000 characters or 500 edges is not drawn at all.
 */
export const MERMAID_MAX_TEXT = 50_000;
export const MERMAID_MAX_EDGES = 500;
// As `toLocaleString('en-US')` writes it, without loading the locale data (about 25 ms on first use).
const MERMAID_MAX_TEXT_WRITTEN = String(MERMAID_MAX_TEXT).replace(/\B(?=(\d{3})+$)/g, ',');

export interface Diagram {
  source: string;
  /** Set when the phase is too large to draw component by component: drawn group by group. */
  collapsed: { components: number; edges: number } | null;
}

type GroupOf = (c: ComponentModel) => { key: string; title: string };

/** The group a component is drawn in: its roles, else the network tier hosting it, else its kind. */
function grouping(model: Model, phase: PhaseModel): GroupOf {
  const roleNames = new Set(phase.roles.map((r) => r.name));
  const onlyRole = phase.roles.length === 1 ? phase.roles[0]?.name : undefined;
  const tierOf = new Map<string, string>();
  for (const [subnet, s] of Object.entries(model.input.network?.subnets ?? {})) {
    for (const host of s.hosts ?? []) if (!tierOf.has(host)) tierOf.set(host, `${s.tier ?? subnet} subnet`);
  }
  const byRole = new Map<string, { key: string; title: string }>();
  const ofRoles = (roles: readonly string[]) => {
    const joined = roles.join('\u0000');
    let g = byRole.get(joined);
    if (g === undefined) {
      g = { key: `role:${joined}`, title: `${roles.join(' / ')} (${roles.length === 1 ? 'role' : 'roles'})` };
      byRole.set(joined, g);
    }
    return g;
  };
  const byKind = new Map(Object.entries(KIND_GROUPS).map(([kind, title]) => [kind, { key: `kind:${kind}`, title }]));
  const byTier = new Map([...new Set(tierOf.values())].map((tier) => [tier, { key: `tier:${tier}`, title: tier }]));
  const fallback = { key: 'kind:service', title: KIND_GROUPS.service };
  return (c) => {
    if (c.kind === 'external') return byKind.get('external') ?? fallback;
    const roles = c.roles.length === 1 && roleNames.has(c.roles[0] ?? '') ? c.roles : c.roles.filter((r) => roleNames.has(r));
    if (roles.length > 0) return ofRoles(roles);
    if (c.roles.length === 0 && onlyRole !== undefined) return ofRoles([onlyRole]);
    const tier = tierOf.get(c.name);
    if (tier !== undefined) return byTier.get(tier) ?? fallback;
    return byKind.get(c.kind) ?? fallback;
  };
}

function publicPortLabel(p: NonNullable<ComponentModel['input']['ports']>[number]): string {
  return p.exposure === 'node' && p.nodePort !== undefined ? `NodePort ${p.nodePort} → ${p.port}` : `${p.port}${p.protocol ? `/${p.protocol}` : ''}${p.nodePort !== undefined ? ` (NodePort ${p.nodePort})` : ''}`;
}

const isPublic = (p: { exposure?: string }) => p.exposure === 'public' || p.exposure === 'node';

/**
 * What a phase's diagram is drawn from, by position in the phase's components, kept for the next
 * phase: phases overlay a base, so the next phase has most of the same component objects at the same
 * positions (about 1 % differ at 10k components). Reading a component's ports and flows again costs
 * far more than the arithmetic (10,000 components scattered in memory, a cache miss at each step),
 * so a component at the same position as in the previous phase, with the same names everywhere and
 * the same roles (hence the same grouping), takes over what was read from it there.
 */
interface Drawn {
  components: readonly ComponentModel[];
  signature: string;
  names: string[];
  /** Position by name (the last of a name, as any map by name keeps it). */
  index: Map<string, number>;
  /** Each component's group. */
  groups: Array<{ key: string; title: string }>;
  /** Each component's ports open to the Internet (none for an external). */
  publicPorts: number[];
  /** Positions of the components each component's flows go to, flows to components outside the phase left out. */
  targets: Array<readonly number[]>;
}

/** What the diagrams of one document share: a grouping per set of roles, and the phase drawn last. */
export class DiagramMemo {
  readonly groupings = new Map<string, GroupOf>();
  last: Drawn | null = null;
}

const NO_TARGETS: readonly number[] = [];

function drawn(phase: PhaseModel, signature: string, groupOf: GroupOf, previous: Drawn | null): Drawn {
  const components = phase.components;
  const n = components.length;
  let prev = previous !== null && previous.signature === signature && previous.components.length === n ? previous : null;
  const names: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const c = components[i] as ComponentModel;
    const name = prev !== null && prev.components[i] === c ? (prev.names[i] as string) : c.name;
    names[i] = name;
    if (prev !== null && name !== prev.names[i]) prev = null;
  }
  let index: Map<string, number>;
  if (prev !== null) index = prev.index;
  else {
    index = new Map();
    for (let i = 0; i < n; i++) index.set(names[i] as string, i);
  }
  const groups = new Array<{ key: string; title: string }>(n);
  const publicPorts = new Array<number>(n);
  const targets = new Array<readonly number[]>(n);
  for (let i = 0; i < n; i++) {
    const c = components[i] as ComponentModel;
    if (prev !== null && prev.components[i] === c) {
      groups[i] = prev.groups[i] as { key: string; title: string };
      publicPorts[i] = prev.publicPorts[i] as number;
      targets[i] = prev.targets[i] as readonly number[];
      continue;
    }
    groups[i] = groupOf(c);
    let open = 0;
    if (c.kind !== 'external') for (const p of c.input.ports ?? []) if (isPublic(p)) open += 1;
    publicPorts[i] = open;
    let to: number[] | null = null;
    for (const f of c.input.flows ?? []) {
      const t = index.get(f.to);
      if (t !== undefined) (to ??= []).push(t);
    }
    targets[i] = to ?? NO_TARGETS;
  }
  return { components, signature, names, index, groups, publicPorts, targets };
}

/** The diagram for one phase (Mermaid source, without the fence). */
export function phaseDiagram(model: Model, phase: PhaseModel, memo: DiagramMemo = new DiagramMemo()): Diagram | null {
  if (phase.components.length === 0) return null;
  const ids = new Ids();
  // Phases with the same roles group every component alike: one grouping (and its memo) serves them all.
  const signature = phase.roles.map((r) => r.name).join('\u0000');
  let groupOf = memo.groupings.get(signature);
  if (groupOf === undefined) {
    const plain = grouping(model, phase);
    const byComponent = new Map<ComponentModel, { key: string; title: string }>();
    groupOf = (c) => {
      let g = byComponent.get(c);
      if (g === undefined) {
        g = plain(c);
        byComponent.set(c, g);
      }
      return g;
    };
    memo.groupings.set(signature, groupOf);
  }
  const d = drawn(phase, signature, groupOf, memo.last);
  memo.last = d;
  const n = d.names.length;
  // Groups in the order of their first member; each component's group, by position.
  const groups = new Map<string, Group & { index: number }>();
  const groupAt = new Array<Group & { index: number }>(n);
  for (let i = 0; i < n; i++) {
    const { key, title } = d.groups[i] as { key: string; title: string };
    let g = groups.get(key);
    if (g === undefined) {
      g = { id: ids.id('g', key), title, members: [], index: groups.size };
      groups.set(key, g);
    }
    g.members.push(d.names[i] as string);
    groupAt[i] = g;
  }
  // Count first: a phase too large for Mermaid is drawn by group, without building the large diagram.
  let publicPorts = 0;
  let flows = 0;
  for (let i = 0; i < n; i++) {
    publicPorts += d.publicPorts[i] as number;
    flows += (d.targets[i] as readonly number[]).length;
  }
  const internet = publicPorts > 0 ? ['  internet(("Internet"))'] : [];
  const edgeLine = (from: string, to: string, label: string) => (label === '' ? `  ${from} --> ${to}` : `  ${from} -->|"${mermaidText(label)}"| ${to}`);
  const total = publicPorts + flows;
  if (total <= MERMAID_MAX_EDGES && phase.components.length <= MERMAID_MAX_EDGES * 2) {
    const byName = new Map(phase.components.map((c) => [c.name, c]));
    const lines = ['flowchart LR', ...internet];
    for (const g of groups.values()) {
      lines.push(`  subgraph ${g.id}["${mermaidText(g.title)}"]`);
      for (const name of g.members) {
        const c = byName.get(name);
        if (c) lines.push(`    ${ids.id('c', c.name)}${shape(c, nodeLabel(c))}`);
      }
      lines.push('  end');
    }
    for (const c of phase.components) {
      if (c.kind === 'external') continue;
      for (const p of c.input.ports ?? []) if (isPublic(p)) lines.push(edgeLine('internet', ids.id('c', c.name), publicPortLabel(p)));
    }
    for (const c of phase.components) {
      for (const f of c.input.flows ?? []) {
        if (!d.index.has(f.to)) continue;
        const label = [[f.port === undefined ? '' : String(f.port), f.protocol ?? ''].filter((x) => x !== '').join(' '), written(model, f, 'latency') ?? ''].filter((x) => x !== '').join(', ');
        lines.push(edgeLine(ids.id('c', c.name), ids.id('c', f.to), label));
      }
    }
    const source = lines.join('\n');
    if (source.length <= MERMAID_MAX_TEXT) return { source, collapsed: null };
  }
  // Too large for Mermaid: one node per group, flows counted between groups.
  const lines = ['flowchart LR', ...internet];
  for (const g of groups.values()) lines.push(`  ${g.id}["${mermaidText(`${g.title}: ${g.members.length} ${g.members.length === 1 ? 'component' : 'components'}`)}"]`);
  // Edges by the pair of groups they join, numbered (the Internet is the last number), in the order first met.
  const ends = groups.size + 1;
  const counted = new Map<number, { from: string; to: string; count: number; what: string }>();
  const count = (from: number, fromId: string, to: Group & { index: number }, what: string) => {
    const key = from * ends + to.index;
    const known = counted.get(key);
    if (known) known.count += 1;
    else counted.set(key, { from: fromId, to: to.id, count: 1, what });
  };
  // A flow starts from the group of the component of its caller's name (the last of a name, as the groups by name say).
  const unique = d.index.size === n;
  for (let i = 0; i < n; i++) {
    const from = groupAt[unique ? i : (d.index.get(d.names[i] as string) as number)] as Group & { index: number };
    for (let k = d.publicPorts[i] as number; k > 0; k--) count(groups.size, 'internet', from, 'public port');
    for (const t of d.targets[i] as readonly number[]) count(from.index, from.id, groupAt[t] as Group & { index: number }, 'flow');
  }
  for (const e of counted.values()) lines.push(edgeLine(e.from, e.to, `${e.count} ${e.what}${e.count === 1 ? '' : 's'}`));
  return { source: lines.join('\n'), collapsed: { components: phase.components.length, edges: total } };
}

/** Topology: one diagram, or one per group of phases whose diagrams differ. */
export function topologySection(ctx: DocContext): Section {
  const memo = new DiagramMemo();
  const variants = mergeByKey<Diagram>(ctx.phases, (phase: PhaseModel, add) => {
    const diagram = phaseDiagram(ctx.model, phase, memo);
    if (diagram === null) return;
    if (diagram.collapsed) {
      ctx.notes.push({
        message: `the topology of ${phase.name === 'default' ? 'the system' : `phase \`${phase.name}\``} has ${diagram.collapsed.components} components and ${diagram.collapsed.edges} edges, more than Mermaid draws (${MERMAID_MAX_EDGES} edges, ${MERMAID_MAX_TEXT_WRITTEN} characters): the document draws one node per group with the flows between groups counted`,
        at: phase.at ?? undefined,
      });
    }
    add(diagram.source, diagram);
  });
  const legend =
    'Components grouped by the machine role they run on (unplaced ones by network tier or kind); rectangles are services, double-edged boxes workers, cylinders datastores, parallelograms jobs, rounded boxes daemons and hexagons external services. Edges are flows, labelled with port, protocol and latency bound; edges from the Internet are public ports and NodePorts.';
  const collapsedNote = variants.some((v) => v.value.collapsed) ? `Where a phase has more than Mermaid draws (${MERMAID_MAX_EDGES} edges or ${MERMAID_MAX_TEXT_WRITTEN} characters), each group is one node and edges count the flows between groups.` : null;
  if (variants.length === 0) return section('Topology');
  if (variants.length === 1 && variants[0]?.phases.length === ctx.phases.length) {
    return section('Topology', [legend, collapsedNote, fence('mermaid', variants[0].value.source)]);
  }
  return section(
    'Topology',
    [legend, collapsedNote],
    variants.map((v) => section(`${v.phases.length === 1 ? 'Phase' : 'Phases'} ${v.phases.map(code).join(', ')}`, [fence('mermaid', v.value.source)])),
  );
}
