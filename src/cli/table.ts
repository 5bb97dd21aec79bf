/** A plain text table: columns padded to their widest cell; numbers right-aligned by the caller's choice. */
export function table(rows: string[][], align: Array<'left' | 'right'> = [], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows
    .map((row) =>
      indent +
      row
        .map((cell, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - visibleLength(cell));
          if (i === row.length - 1 && align[i] !== 'right') return cell;
          return align[i] === 'right' ? pad + cell : cell + pad;
        })
        .join('  '),
    )
    .join('\n');
}

export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

/** A Markdown table with escaped pipes. */
export function markdownTable(header: string[], rows: string[][]): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}
