/**
 * A small RFC 4180 CSV reader and writer: quoted fields with "" escapes, commas and line breaks
 * inside quotes, CRLF or LF. The reader also accepts ";" (what a spreadsheet set to Italian
 * writes) when the header line has semicolons and no commas. Each record keeps the line it
 * started on, so import errors can point at it.
 */

export interface CsvRecord {
  /** 1-based line number where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

export function parseCsv(input: string, delimiter = detectDelimiter(input)): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let startLine = 1;
  let i = 0;
  let quotedCell = false;
  const endRecord = () => {
    cells.push(unguardCell(cell));
    if (!(cells.length === 1 && cells[0] === '' && !quotedCell)) records.push({ line: startLine, cells });
    cells = [];
    cell = '';
    quotedCell = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && cell === '' && !quotedCell) {
      quotedCell = true;
      const openLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(openLine, 'a quoted field is never closed');
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        cell += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(line, `unexpected ${JSON.stringify(next)} after a closing quote`);
      }
      continue;
    }
    if (c === delimiter) {
      cells.push(unguardCell(cell));
      cell = '';
      quotedCell = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      startLine = line;
      continue;
    }
    if (c === '"')
      throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
    cell += c;
    i++;
  }
  if (cell !== '' || cells.length > 0 || quotedCell) endRecord();
  return records;
}

const needsQuotes = /[",\r\n;]|^\s|\s$/;

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe (OWASP CSV injection): "=HYPERLINK(…)" in a name exports as "'=HYPERLINK(…)", shown
 * as text. Numbers are written as they are; parseCsv takes the apostrophe off again on import.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export function csvCell(value: unknown): string {
  let s = value === undefined || value === null ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Undoes csvCell's formula guard on import. */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export function writeCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
