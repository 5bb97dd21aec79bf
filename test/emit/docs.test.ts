import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsEmitter } from '../../src/emit/docs/index.js';
import { mermaidText } from '../../src/emit/docs/topology.js';
import { generate } from '../../src/emit/generate.js';
import { compileText } from '../../src/lint/tester.js';
import { loadSpec } from '../../src/spec/files.js';
import type { Model } from '../../src/spec/model.js';
import { ROOT } from '../helpers.js';

/**
 * The docs target: the requirements document as Markdown. Behaviour on small
 * specs, then every example's document checked as GitHub would read it: table
 * rows as wide as their header, headings that never skip a level, no
 * `undefined` leaking into the text, and a Mermaid flowchart whose every edge
 * joins declared nodes with valid ids. (The Mermaid parser itself runs in
 * docs-mermaid.test.ts.)
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

function compile(spec: string): Model {
  const { model, diagnostics } = compileText(spec);
  if (!model) throw new Error(`the test spec does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
  return model;
}

function document(spec: string | Model, phase?: string): { markdown: string; notes: string[] } {
  const model = typeof spec === 'string' ? compile(spec) : spec;
  const result = generate(model, { targets: [docsEmitter], phase });
  expect(result.files.map((f) => f.path)).toEqual(['requirements.md']);
  return { markdown: result.files[0]?.content ?? '', notes: result.notes.map((n) => n.message) };
}

/** The lines of the section under a heading (up to the next heading of the same or a higher level). */
function sectionOf(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`no heading ${heading}`);
  const level = heading.indexOf(' ');
  let end = start + 1;
  while (end < lines.length) {
    const m = /^(#+) /.exec(lines[end] ?? '');
    if (m?.[1] && m[1].length <= level) break;
    end += 1;
  }
  return lines.slice(start, end).join('\n').trimEnd();
}

// ───────────────────────────── structural checks ─────────────────────────────

/** Cells of a table line, split on pipes that are not backslash-escaped. */
function cells(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let escaped = false;
  for (const ch of line.trim().slice(1)) {
    if (escaped) {
      current += ch;
      escaped = false;
    } else if (ch === '\\') {
      current += ch;
      escaped = true;
    } else if (ch === '|') {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') out.push(`${current.trim()} (no closing pipe)`);
  return out;
}

interface Fence {
  info: string;
  body: string;
}

/** Problems a GitHub reader would meet in the Markdown, and the fenced blocks it holds. */
function checkMarkdown(markdown: string): { problems: string[]; fences: Fence[] } {
  const problems: string[] = [];
  const fences: Fence[] = [];
  for (const bad of [/\bundefined\b/, /\bNaN\b/, /\[object Object\]/, /\bnull\b/]) {
    const m = bad.exec(markdown);
    if (m) problems.push(`\`${m[0]}\` in the text: …${markdown.slice(Math.max(0, m.index - 60), m.index + 20)}…`);
  }
  const lines = markdown.split('\n');
  let previousLevel = 0;
  let fence: { marks: string; info: string; body: string[] } | null = null;
  let tableWidth: number | null = null;
  let expectSeparator = false;
  lines.forEach((line, i) => {
    const where = `line ${i + 1}`;
    if (fence) {
      if (line === fence.marks) {
        fences.push({ info: fence.info, body: fence.body.join('\n') });
        fence = null;
      } else fence.body.push(line);
      return;
    }
    const open = /^(`{3,})(\S*)$/.exec(line);
    if (open) {
      fence = { marks: open[1] ?? '```', info: open[2] ?? '', body: [] };
      tableWidth = null;
      return;
    }
    const heading = /^(#{1,6}) (.+)$/.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 0;
      if (previousLevel === 0 && level !== 1) problems.push(`${where}: the first heading is not level 1`);
      if (level > previousLevel + 1) problems.push(`${where}: heading level ${level} after level ${previousLevel}: ${line}`);
      previousLevel = level;
    }
    if (line.startsWith('|')) {
      const row = cells(line);
      if (tableWidth === null) {
        tableWidth = row.length;
        expectSeparator = true;
        if (lines[i - 1] !== '' && !(lines[i - 1] ?? '').endsWith(':')) problems.push(`${where}: a table must follow a blank line`);
      } else if (expectSeparator) {
        expectSeparator = false;
        if (!/^\|(---\|)+$/.test(line)) problems.push(`${where}: not a separator row: ${line}`);
        if (row.length !== tableWidth) problems.push(`${where}: separator has ${row.length} cells, header ${tableWidth}`);
      } else if (row.length !== tableWidth) problems.push(`${where}: ${row.length} cells under a header of ${tableWidth}: ${line}`);
      if (row.some((c) => c.endsWith('(no closing pipe)'))) problems.push(`${where}: row does not end with a pipe`);
      if (row.some((c) => c === '')) problems.push(`${where}: an empty cell (write —): ${line}`);
    } else {
      if (expectSeparator) problems.push(`line ${i}: a table header without a separator`);
      tableWidth = null;
      expectSeparator = false;
    }
  });
  if (fence) problems.push('a code fence is never closed');
  return { problems, fences };
}

const MERMAID_KEYWORDS = new Set(['end', 'graph', 'subgraph', 'flowchart', 'style', 'classDef', 'class', 'click', 'linkStyle', 'default', 'direction', 'call', 'href']);
const ID = '[A-Za-z][A-Za-z0-9_]*';
const LABEL = '"[^"]*"';
const NODE = new RegExp(`^(${ID})(\\[\\(${LABEL}\\)\\]|\\[\\[${LABEL}\\]\\]|\\[/${LABEL}/\\]|\\(\\(${LABEL}\\)\\)|\\(${LABEL}\\)|\\{\\{${LABEL}\\}\\}|\\[${LABEL}\\])$`);
const EDGE = new RegExp(`^(${ID}) -->(?:\\|${LABEL}\\|)? (${ID})$`);
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\[${LABEL}\\]$`);

/**
 * A strict structural check of the flowchart the docs target writes: every line
 * is a subgraph, an `end`, a node declaration or an edge; ids are identifiers and
 * no Mermaid keyword; a node is declared once, before any edge names it; labels
 * are quoted without raw quotes or HTML other than `<br/>`.
 */
function checkMermaid(source: string): string[] {
  const problems: string[] = [];
  const lines = source.split('\n');
  if (!/^flowchart (LR|RL|TB|TD|BT)$/.test(lines[0] ?? '')) problems.push(`first line is not a flowchart header: ${lines[0]}`);
  const nodes = new Set<string>();
  const groups = new Set<string>();
  let depth = 0;
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (line === '') continue;
    const useId = (id: string) => {
      if (MERMAID_KEYWORDS.has(id)) problems.push(`id \`${id}\` is a Mermaid keyword`);
      if (nodes.has(id) || groups.has(id)) problems.push(`id \`${id}\` declared twice`);
    };
    const labels = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
    for (const label of labels) if (/<(?!br\/>)|(?<!<br\/)>/.test(label)) problems.push(`raw angle bracket in label: ${label}`);
    let m: RegExpExecArray | null;
    if ((m = SUBGRAPH.exec(line))) {
      useId(m[1] ?? '');
      groups.add(m[1] ?? '');
      depth += 1;
    } else if (line === 'end') {
      depth -= 1;
      if (depth < 0) problems.push('`end` without a subgraph');
    } else if ((m = NODE.exec(line))) {
      useId(m[1] ?? '');
      nodes.add(m[1] ?? '');
    } else if ((m = EDGE.exec(line))) {
      for (const id of [m[1] ?? '', m[2] ?? '']) if (!nodes.has(id)) problems.push(`edge names undeclared node \`${id}\`: ${line}`);
    } else problems.push(`unrecognized line: ${raw}`);
  }
  if (depth !== 0) problems.push(`${depth} subgraph(s) left open`);
  if (nodes.size === 0) problems.push('no nodes');
  return problems;
}

// ──────────────────────────────── behaviour ────────────────────────────────

describe('docs: the requirements document', () => {
  it('starts with the generated header as an HTML comment, then the title', () => {
    const { markdown } = document('components:\n  api: { kind: service }\n');
    expect(markdown.split('\n').slice(0, 6)).toEqual([
      '<!--',
      ' Generated by infraspec from the spec of `example`: do not edit.',
      ' Change the spec and run `infraspec generate` again.',
      '-->',
      '',
      '# example — Infrastructure Requirements',
    ]);
  });

  it('shows a stated total beside the computed one, ✓ when it holds and ✗ with the range it allows when not', () => {
    const { markdown } = document(`
components:
  api:
    kind: service
    replicas: { min: 2, max: 4 }
    resources: { requests: { cpu: 250m, memory: 256Mi } }
  db:
    kind: datastore
    resources: { requests: { cpu: 500m, memory: 1Gi } }
phases:
  prod:
    stated:
      - { figure: cpuRequests, value: ~1 core, label: Total CPU }
      - { figure: cpuRequests, value: 2.0 cores, at: max, label: CPU at peak }
      - { figure: memoryRequests, value: 1.5Gi, label: Memory }
`);
    expect(sectionOf(markdown, '#### Stated figures')).toBe(
      [
        '#### Stated figures',
        '',
        '| Check | Figure | Scope | Stated | Computed | Stated range | As the page says |',
        '|---|---|---|---|---|---|---|',
        '| ✓ | `cpuRequests` | phase | \\~1 core | 1 core | — | Total CPU |',
        '| ✗ | `cpuRequests` (at max replicas) | phase | 2.0 cores | 1.5 cores | 1.95 cores–2.05 cores | CPU at peak |',
        '| ✓ | `memoryRequests` | phase | 1.5Gi | 1.5 GiB | — | Memory |',
      ].join('\n'),
    );
  });

  it('shows sizes as the spec writes them, GB as GB and GiB as GiB, and computed figures in the unit the page used', () => {
    const { markdown } = document(`
roles:
  node:
    count: 2
    minimum: { cpu: 2 cores, memory: 16GB }
    recommended: { cpu: 4 cores, memory: 16GiB }
components:
  api:
    kind: service
    replicas: 3
    resources: { requests: { cpu: 1, memory: 1GB }, limits: { memory: 1Gi } }
stated:
  - { figure: memoryRequests, value: ~3GB, label: requests in GB }
  - { figure: memoryLimits, value: ~3.2GB, label: limits in GB }
  - { figure: memoryLimits, value: 3Gi, label: limits in GiB }
`);
    expect(sectionOf(markdown, '### node')).toContain('| Memory | 16GB | 16GiB |');
    expect(sectionOf(markdown, '## Workloads')).toContain('| `api` | service | `node` | 3 | 1 | 1GB | 1Gi |');
    expect(sectionOf(markdown, '### Totals')).toContain('| Memory requests | 3 GB | 3 GB |');
    expect(sectionOf(markdown, '### Totals')).toContain('| Memory limits | 3 GiB | 3 GiB |');
    expect(sectionOf(markdown, '### Stated figures')).toContain('| ✓ | `memoryRequests` | system | \\~3GB | 3 GB |');
    expect(sectionOf(markdown, '### Stated figures')).toContain('| ✓ | `memoryLimits` | system | \\~3.2GB | 3.22 GB |');
    expect(sectionOf(markdown, '### Stated figures')).toContain('| ✓ | `memoryLimits` | system | 3Gi | 3 GiB |');
  });

  it('escapes pipes, emphasis and HTML in cells, and keeps the code spans the spec writes', () => {
    const { markdown } = document(`
components:
  api:
    kind: service
    description: "Reads a|b, *not* <b>bold</b>, see \`api|v2\` and ~approx~"
`);
    expect(markdown).toContain('| `api` | service | Reads a\\|b, \\*not\\* \\<b\\>bold\\</b\\>, see `api\\|v2` and \\~approx\\~ |');
  });

  it('projects volumes over 12 months from the plan and marks one full within the horizon', () => {
    const { markdown } = document(`
components:
  db:
    kind: datastore
    volumes:
      - { name: data, size: 10GB, used: 4GB, growth: +1GB/month }
      - { name: logs, size: 100Gi, growth: +2GB/week, retention: 7d }
`);
    expect(sectionOf(markdown, '### Volumes')).toContain('| `db` | `data` | 10GB | 4GB | +1GB/month | — | 16 GB | ✗ 6 months |');
    expect(sectionOf(markdown, '### Volumes')).toContain('| `db` | `logs` | 100Gi | — | +2GB/week | 7d | 2 GB (levels off) | never |');
  });

  it('totals the storage backups keep under their retention, with the stated figure checked', () => {
    const { markdown } = document(`
components:
  db: { kind: datastore }
backups:
  base:
    of: db
    type: full
    frequency: daily
    compressedSize: 2GB
    retention: 30d
    stated: [{ figure: retained, value: 60GB }]
  wal: { of: db, type: wal, rate: 500MB/day, retention: 30d, stated: [{ figure: retained, value: 16GB }] }
`);
    const backups = sectionOf(markdown, '### Backups');
    expect(backups).toContain('| `base` | `db` | full | daily | 2GB compressed | — | 30d | 30 | 60 GB | 2 GB | ✓ retained 60GB |');
    expect(backups).toContain('| `wal` | `db` | wal | — | — | 500MB/day | 30d | — | 15 GB | 500 MB | ✗ retained 16GB |');
    expect(backups).toContain('| **Total retained** | — | — | — | — | — | — | — | **75 GB** | — | — |');
  });

  it('checks the ResourceQuota against what each phase needs at its most replicas', () => {
    const { markdown } = document(`
kubernetes:
  namespace: shop
  quota: { requests.cpu: "1", limits.memory: 2Gi, count/services: "5" }
components:
  api:
    kind: service
    replicas: { min: 1, max: 3 }
    resources: { requests: { cpu: 500m }, limits: { memory: 512Mi } }
phases:
  small: { components: { api: { replicas: 1 } } }
  big: {}
`);
    const quota = sectionOf(markdown, '### Resource quota');
    expect(quota).toContain('| Resource | Hard limit | Measures | small | big |');
    expect(quota).toContain('| `requests.cpu` | 1 | CPU requests | 500m ✓ | 1.5 cores ✗ |');
    expect(quota).toContain('| `limits.memory` | 2Gi | memory limits | 512 MiB ✓ | 1.5 GiB ✓ |');
    expect(quota).toContain('| `count/services` | 5 | not computed | — | — |');
  });

  it('says in a note which quota keys it shows without a computed figure', () => {
    const { notes } = document('kubernetes: { quota: { count/services: "5" } }\ncomponents: { api: { kind: service } }\n');
    expect(notes).toEqual(['the requirements document shows the quota `count/services` without a computed figure beside it (infraspec computes CPU, memory, storage, PVC and pod counts)']);
  });

  it('merges what every phase shares and marks the rest with its phases', () => {
    const { markdown } = document(`
components:
  api: { kind: service, ports: [{ port: 80, exposure: public }] }
  cache: { kind: datastore, ports: [{ port: 6379 }] }
phases:
  dev: { components: { cache: null } }
  prod: {}
`);
    expect(sectionOf(markdown, '### Ports')).toBe(
      ['### Ports', '', '| Port | Component | Exposure | Phases |', '|---|---|---|---|', '| 80 | `api` | public | all |', '| 6379 | `cache` | — | `prod` |'].join('\n'),
    );
  });

  it('leaves out the sections the spec says nothing about', () => {
    const { markdown } = document('components:\n  api: { kind: service }\n');
    const headings = markdown.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual(['# example — Infrastructure Requirements', '## Overview', '## Topology', '## Components', '## Workloads', '## Capacity', '### Totals']);
    expect(markdown).not.toContain('Not placed');
  });

  it('draws the topology with keyword-proof, distinct ids for names Mermaid would misread', () => {
    const { markdown } = document(`
components:
  end: { kind: service, flows: [{ to: a-b, port: 5432, protocol: PostgreSQL, latency: <5ms }] }
  a-b: { kind: datastore }
  a_b: { kind: worker, flows: [{ to: end }] }
`);
    const diagram = checkMarkdown(markdown).fences.find((f) => f.info === 'mermaid')?.body ?? '';
    expect(diagram).toBe(
      [
        'flowchart LR',
        '  subgraph g_kind_service["Services"]',
        '    c_end["end"]',
        '  end',
        '  subgraph g_kind_datastore["Datastores"]',
        '    c_a_b[("a-b")]',
        '  end',
        '  subgraph g_kind_worker["Workers"]',
        '    c_a_b_2[["a_b"]]',
        '  end',
        '  c_end -->|"5432 PostgreSQL, #lt;5ms"| c_a_b',
        '  c_a_b_2 --> c_end',
      ].join('\n'),
    );
    expect(checkMermaid(diagram)).toEqual([]);
  });

  it('writes Mermaid labels with entity codes for the characters a label cannot hold', () => {
    expect(mermaidText('say "hi" <now> #1 & `x` | y')).toBe('say #quot;hi#quot; #lt;now#gt; #35;1 #amp; #96;x#96; #124; y');
  });

  it('groups components by the role they run on, and shows public ports as edges from the Internet', () => {
    const { markdown } = document(`
roles:
  web: { count: 2 }
  db: {}
components:
  nginx: { kind: service, placement: { role: web }, ports: [{ port: 443, protocol: TCP, exposure: public }, { port: 8080, exposure: node, nodePort: 30080 }] }
  pg: { kind: datastore, placement: { role: db } }
`);
    const diagram = checkMarkdown(markdown).fences.find((f) => f.info === 'mermaid')?.body ?? '';
    expect(diagram.split('\n')).toEqual([
      'flowchart LR',
      '  internet(("Internet"))',
      '  subgraph g_role_web["web (role)"]',
      '    c_nginx["nginx"]',
      '  end',
      '  subgraph g_role_db["db (role)"]',
      '    c_pg[("pg")]',
      '  end',
      '  internet -->|"443/TCP"| c_nginx',
      '  internet -->|"NodePort 30080 → 8080"| c_nginx',
    ]);
  });

  it('redacts literal secrets and keeps references to them', () => {
    const { markdown } = document(`
components:
  api:
    kind: service
    env: { DB_PASSWORD: hunter2, API_TOKEN: "\${API_TOKEN}", DATABASE_URL: "postgres://app:s3cret@db:5432/app", PORT: "8000" }
`);
    expect(markdown).not.toContain('hunter2');
    expect(markdown).not.toContain('s3cret');
    expect(markdown).toContain('`DB_PASSWORD=(redacted)`, `API_TOKEN=${API_TOKEN}`, `DATABASE_URL=postgres://app:(redacted)@db:5432/app`, `PORT=8000`');
  });

  it('covers only the phase asked for, and says so', () => {
    const { markdown, notes } = document('components: { api: { kind: service } }\nphases: { dev: {}, prod: {} }\n', 'prod');
    expect(markdown).toContain('- **Phases**: `prod`');
    expect(markdown).not.toContain('`dev`');
    expect(notes).toEqual(['the requirements document covers only the phase `prod` (generated with --phase)']);
  });

  it('shows a role’s own requirements under it and what it inherits once, under its template', () => {
    const { markdown } = document(`
roles:
  host: { abstract: true, minimum: { os: [Debian 12], software: { podman: 4.4+ } } }
  app: { extends: host, minimum: { cpu: 2 cores, software: { python3: 3.11+ } } }
components: { api: { kind: service } }
`);
    expect(sectionOf(markdown, '### host (template)')).toContain('| `podman` | 4.4+ |');
    const app = sectionOf(markdown, '### app');
    expect(app).toContain('| CPU | 2 cores |');
    expect(app).toContain('| `python3` | 3.11+ |');
    expect(app).not.toContain('podman');
    expect(app).not.toContain('Debian');
  });

  it('is byte-identical on two runs', () => {
    const spec = 'components: { api: { kind: service, flows: [{ to: db }] }, db: { kind: datastore } }\n';
    expect(document(spec).markdown).toBe(document(spec).markdown);
  });
});

// ─────────────────────────────── the examples ───────────────────────────────

describe('docs: every example renders as GitHub would read it', () => {
  for (const example of EXAMPLES) {
    it(`${example}: tables, headings, text and the Mermaid topology are well formed`, () => {
      const loaded = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!loaded.model) throw new Error(`examples/${example} does not compile`);
      const { markdown } = document(loaded.model);
      const { problems, fences } = checkMarkdown(markdown);
      expect(problems).toEqual([]);
      const diagrams = fences.filter((f) => f.info === 'mermaid');
      expect(diagrams.length).toBeGreaterThan(0);
      for (const d of diagrams) expect(checkMermaid(d.body)).toEqual([]);
      expect(fences.every((f) => f.info === 'mermaid')).toBe(true);
    });
  }

  it('finds the problems it is meant to find (the checker checks)', () => {
    const bad = ['# T', '', '### skipped', '', '| a | b |', '|---|---|', '| 1 |', '| x \\| y | z |', '', 'undefined'].join('\n');
    expect(checkMarkdown(bad).problems).toEqual([
      '`undefined` in the text: …# T\n\n### skipped\n\n| a | b |\n|---|---|\n| 1 |\n| x \\| y | z |\n\nundefined…',
      'line 3: heading level 3 after level 1: ### skipped',
      'line 7: 1 cells under a header of 2: | 1 |',
    ]);
    expect(checkMermaid('flowchart LR\n  a["x"]\n  a --> b\n  a -->|"l"| a\n  a --> |"bad"| a\n  subgraph end["y"]\n')).toEqual([
      'edge names undeclared node `b`: a --> b',
      'unrecognized line:   a --> |"bad"| a',
      'id `end` is a Mermaid keyword',
      '1 subgraph(s) left open',
    ]);
  });
});
