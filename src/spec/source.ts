/**
 * A spec file's text with a line index, so that byte offsets from the parser
 * become line and column numbers only when a diagnostic or a model position
 * asks for them.
 */
export class SourceFile {
  readonly path: string;
  readonly text: string;
  #lineStarts: number[] | undefined;

  constructor(path: string, text: string) {
    this.path = path;
    this.text = text;
  }

  get lineStarts(): number[] {
    if (this.#lineStarts === undefined) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }

  /** 1-based line and column (columns count UTF-16 code units, as editors using LSP do). */
  lineColumn(offset: number): { line: number; column: number } {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts;
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

/** Where something is in the user's files: offsets into one file's text. */
export interface SourceSpan {
  file: SourceFile;
  start: number;
  end: number;
}

/** The serializable form of a position, as every `--json` output writes it. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function locate(span: SourceSpan): Location {
  const start = span.file.lineColumn(span.start);
  const end = span.file.lineColumn(Math.max(span.start, span.end));
  return { file: span.file.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
