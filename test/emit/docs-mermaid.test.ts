import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsEmitter } from '../../src/emit/docs/index.js';
import { generate } from '../../src/emit/generate.js';
import { loadSpec } from '../../src/spec/files.js';
import { ROOT } from '../helpers.js';

/**
 * Every Mermaid diagram of every example's requirements document, parsed by
 * Mermaid itself (its flowchart grammar, the one GitHub renders with). Mermaid
 * runs in Node without a browser except for DOMPurify, which it calls only to
 * sanitize labels for the SVG; the shim below makes that a no-op, so what runs
 * is the real parser and the real flowchart database, not a mock. Needs the npm
 * devDependency `mermaid` (and the `dompurify` it brings).
 */

const EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string }>;
  getEdges(): Array<{ start: string; end: string; text?: string }>;
  getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>;
}

interface MermaidApi {
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: unknown }> };
}

async function loadMermaid(): Promise<MermaidApi> {
  // Module names in variables: the package is a devDependency the type checker need not see.
  const purifyName = 'dompurify';
  const mermaidName = 'mermaid';
  let purify: Record<string, unknown>;
  let mermaid: MermaidApi;
  try {
    purify = ((await import(purifyName)) as { default: Record<string, unknown> }).default;
    mermaid = ((await import(mermaidName)) as { default: MermaidApi }).default;
  } catch (error) {
    throw new Error(`the Mermaid parser is not installed: add the npm devDependency \`mermaid\` (npm install --save-dev mermaid@^11.17.2), which brings \`dompurify\` (${String(error)})`);
  }
  // Without a window, DOMPurify exports only its factory; labels are then used as written.
  purify['addHook'] ??= () => undefined;
  purify['removeHook'] ??= () => undefined;
  purify['removeHooks'] ??= () => undefined;
  purify['sanitize'] ??= (text: string) => text;
  return mermaid;
}

function diagramsOf(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
}

describe('docs: Mermaid parses every topology diagram', () => {
  for (const example of EXAMPLES) {
    it(`${example}: each diagram parses, and its nodes, edges and groups are the ones written`, async () => {
      const mermaid = await loadMermaid();
      const loaded = loadSpec(join(ROOT, 'examples', example), ROOT);
      if (!loaded.model) throw new Error(`examples/${example} does not compile`);
      const markdown = generate(loaded.model, { targets: [docsEmitter] }).files[0]?.content ?? '';
      const diagrams = diagramsOf(markdown);
      expect(diagrams.length).toBeGreaterThan(0);
      for (const diagram of diagrams) {
        await expect(mermaid.parse(diagram)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
        const db = (await mermaid.mermaidAPI.getDiagramFromText(diagram)).db as FlowDb;
        const declared = [...diagram.matchAll(/^\s+([A-Za-z][A-Za-z0-9_]*)[[({]/gm)].map((m) => m[1] ?? '');
        // Mermaid creates a node for any id an edge names: the same set means no edge names an undeclared node.
        expect([...db.getVertices().keys()].sort()).toEqual([...declared].sort());
        const edges = diagram.split('\n').filter((l) => l.includes('-->')).length;
        expect(db.getEdges()).toHaveLength(edges);
        const groups = [...diagram.matchAll(/^\s+subgraph ([A-Za-z][A-Za-z0-9_]*)\[/gm)].map((m) => m[1] ?? '');
        expect(db.getSubGraphs().map((g) => g.id).sort()).toEqual([...groups].sort());
        for (const g of db.getSubGraphs()) expect(g.nodes.length).toBeGreaterThan(0);
      }
    });
  }

  it('rejects what GitHub would not render (the parser is really checking)', async () => {
    const mermaid = await loadMermaid();
    await expect(mermaid.parse('flowchart LR\n  a --> end\n')).rejects.toThrow(/Parse error/);
    await expect(mermaid.parse('flowchart LR\n  a["x"] -->|"l"| b\n  subgraph g["t"]\n')).rejects.toThrow(/Parse error/);
  });
});
