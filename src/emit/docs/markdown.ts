/**
 * Markdown building blocks for the requirements document (GitHub-flavoured
 * Markdown): escaping, code spans, tables and a tree of sections whose heading
 * levels follow from nesting, so a heading never skips a level and a section
 * with nothing to say is left out with its heading.
 */

/** A section: its blocks (paragraphs, tables, lists, fences) and subsections. */
export interface Section {
  title: string;
  blocks: string[];
  children: Section[];
}

export function section(title: string, blocks: ReadonlyArray<string | null | undefined> = [], children: ReadonlyArray<Section | null | undefined> = []): Section {
  return {
    title,
    blocks: blocks.filter((b): b is string => typeof b === 'string' && b !== ''),
    children: children.filter((c): c is Section => c !== null && c !== undefined && !isEmpty(c)),
  };
}

export function isEmpty(s: Section): boolean {
  return s.blocks.length === 0 && s.children.every(isEmpty);
}

/** Sections as Markdown, `level` being the heading level of the outermost ones (# is 1). */
export function renderSections(sections: readonly Section[], level: number): string[] {
  const out: string[] = [];
  for (const s of sections) {
    if (isEmpty(s)) continue;
    out.push(`${'#'.repeat(Math.min(level, 6))} ${s.title}`);
    out.push(...s.blocks);
    out.push(...renderSections(s.children, level + 1));
  }
  return out;
}

/**
 * Inline text: the characters Markdown would read as markup are escaped
 * (emphasis, links, HTML, table pipes, strikethrough), line breaks become
 * spaces, and `&` is escaped only where it would start an entity. Code spans
 * the spec writes (`senex`) stay code spans.
 */
export function text(value: string): string {
  if (!SPECIAL.test(value)) return value;
  const flat = value.replace(/\r?\n/g, ' ');
  let out = '';
  let last = 0;
  for (const m of flat.matchAll(/`([^`]+)`/g)) {
    out += escapeInline(flat.slice(last, m.index)) + code(m[1] ?? '');
    last = m.index + m[0].length;
  }
  return out + escapeInline(flat.slice(last));
}

const SPECIAL = /[\\`*_[\]<>|~&\r\n]/;

function escapeInline(value: string): string {
  return value.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** A paragraph of free text: inline escaping, and no line may start a list, heading, quote or fence. */
export function paragraph(value: string): string {
  return text(value.trim()).replace(/^(\s*)([#>+=-]|\d+[.)])(?=\s|$)/, '$1\\$2');
}

/**
 * A code span that shows `value` verbatim: the fence is one backtick longer than
 * the longest run inside, padded when the value starts or ends with a backtick.
 * Pipes are escaped, which GitHub requires even inside code spans in tables.
 */
export function code(value: string): string {
  if (!/[`|\r\n]/.test(value) && !(value.startsWith(' ') && value.endsWith(' '))) return `\`${value}\``;
  const flat = value.replace(/\r?\n/g, ' ');
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** Bold inline text. */
export function bold(value: string): string {
  return `**${text(value)}**`;
}

/** A line break inside a table cell (GitHub renders the HTML tag). */
export const BR = '<br>';

/**
 * A GFM table. Cells are already inline Markdown (escape with `text` or
 * `code`); an empty cell shows `—`. Every row has as many cells as the header.
 */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string | null {
  return tableOf(header, rows, null);
}

/** The table of the given columns (by index; `null`: all of them), written straight from the rows. */
function tableOf(header: readonly string[], rows: ReadonlyArray<readonly string[]>, columns: readonly number[] | null): string | null {
  if (rows.length === 0) return null;
  const width = columns === null ? header.length : columns.length;
  const line = (cells: readonly string[]) => {
    let out = '|';
    for (let i = 0; i < width; i++) {
      const cell = cells[columns === null ? i : (columns[i] as number)] ?? '';
      out += ` ${cell === '' ? '—' : cell} |`;
    }
    return out;
  };
  const out = [line(header), `|${'---|'.repeat(width)}`];
  for (const row of rows) out.push(line(row));
  return out.join('\n');
}

/** The columns (by index) where some row has a value, the first `keep` always; `null` when that is all of them. */
function usedColumns(header: readonly string[], rows: ReadonlyArray<readonly string[]>, keep: number): number[] | null {
  const used = header.map((_, i) => i < keep);
  let unused = used.filter((u) => !u).length;
  for (let r = 0; r < rows.length && unused > 0; r++) {
    const row = rows[r] ?? [];
    for (let i = 0; i < header.length; i++) {
      if (!used[i] && (row[i] ?? '') !== '') {
        used[i] = true;
        unused -= 1;
      }
    }
  }
  return unused === 0 ? null : header.map((_, i) => i).filter((i) => used[i]);
}

/** Keep only the columns (by index) where some row has a value; the first `keep` columns always stay. */
export function dropEmptyColumns(header: readonly string[], rows: ReadonlyArray<readonly string[]>, keep = 1): { header: string[]; rows: ReadonlyArray<readonly string[]> } {
  const keepIndex = usedColumns(header, rows, keep);
  if (keepIndex === null) return { header: [...header], rows };
  return { header: keepIndex.map((i) => header[i] ?? ''), rows: rows.map((r) => keepIndex.map((i) => r[i] ?? '')) };
}

/**
 * A table without its empty columns. The rows are written as they are, the empty columns skipped,
 * rather than copied without them first (tables of 10,000 rows at 10k components).
 */
export function compactTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, keep = 1): string | null {
  return tableOf(header, rows, usedColumns(header, rows, keep));
}

/** A bullet list of inline Markdown items. */
export function bullets(items: ReadonlyArray<string | null | undefined>): string | null {
  const kept = items.filter((i): i is string => typeof i === 'string' && i !== '');
  return kept.length === 0 ? null : kept.map((i) => `- ${i}`).join('\n');
}

/** `**Label**: value` facts as a bullet list; facts without a value are left out. */
export function facts(entries: ReadonlyArray<readonly [string, string | null | undefined]>): string | null {
  return bullets(entries.map(([label, value]) => (value === null || value === undefined || value === '' ? null : `${bold(label)}: ${value}`)));
}

/** A fenced code block; the fence is longer than any backtick run inside. */
export function fence(language: string, body: string): string {
  let longest = 2;
  for (const run of body.match(/`{3,}/g) ?? []) longest = Math.max(longest, run.length);
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${body.endsWith('\n') ? body : `${body}\n`}${marks}`;
}

/** Inline items joined for a cell: `a, b, c`. */
export function joined(items: readonly string[], separator = ', '): string {
  return items.filter((i) => i !== '').join(separator);
}
