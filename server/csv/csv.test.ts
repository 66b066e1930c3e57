import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, writeCsv } from './csv.ts';

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, keeping the starting line', () => {
    const text = 'id,name,notes\r\np1,"Rossi, Giulia","says ""ciao""\nat the door"\np2,Bianchi,\n';
    const recs = parseCsv(text);
    expect(recs).toEqual([
      { line: 1, cells: ['id', 'name', 'notes'] },
      { line: 2, cells: ['p1', 'Rossi, Giulia', 'says "ciao"\nat the door'] },
      { line: 4, cells: ['p2', 'Bianchi', ''] },
    ]);
  });

  it('reads semicolon files as a spreadsheet in Italian writes them', () => {
    expect(parseCsv('id;name\np1;"A; B"\n').map((r) => r.cells)).toEqual([
      ['id', 'name'],
      ['p1', 'A; B'],
    ]);
  });

  it('round-trips whatever it writes', () => {
    const rows = [
      ['a,b', 'x"y', 'line\nbreak', ' padded ', ''],
      ['plain', '1.5', 'semi;colon', 'è', '-3'],
    ];
    const text = writeCsv(['h1', 'h2', 'h3', 'h4', 'h5'], rows);
    expect(
      parseCsv(text)
        .slice(1)
        .map((r) => r.cells),
    ).toEqual(rows);
  });

  it('names the line of an unclosed quote', () => {
    expect(() => parseCsv('id,name\np1,"open\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('id,name\np1,"open\n')).toThrow(/line 2/);
  });
});

describe('CSV injection (OWASP): formulas leave as text and come back unchanged', () => {
  it('text starting with = + - @ tab or CR gets an apostrophe; numbers do not; import undoes it', async () => {
    const { csvCell, parseCsv, writeCsv } = await import('./csv.ts');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+39 333 1111111')).toBe("'+39 333 1111111");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('Rossi')).toBe('Rossi');
    const text = writeCsv(['name', 'phone'], [['=1+1', '+39 02 1234']]);
    expect(parseCsv(text).map((r) => r.cells)).toEqual([
      ['name', 'phone'],
      ['=1+1', '+39 02 1234'],
    ]);
  });
});
