/**
 * Splits a benchmark file into numbered records of numeric fields. Accepts tabs, runs of
 * spaces and CRLF line endings; blank lines are skipped but keep the line numbering right.
 */
import { BenchmarkFormatError } from './benchmark-format-error.ts';

export interface NumericLine {
  line: number;
  values: number[];
}

export const numericLines = (
  text: string,
  fileName: string,
  fieldNames: (count: number) => string[],
): NumericLine[] => {
  const out: NumericLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const tokens = raw
      .replace(/\r$/, '')
      .trim()
      .split(/\s+/)
      .filter((t) => t !== '');
    if (tokens.length === 0) return;
    const names = fieldNames(out.length);
    const values = tokens.map((token, j) => {
      const value = Number(token);
      if (!Number.isFinite(value)) {
        throw new BenchmarkFormatError(fileName, i + 1, names[j] ?? `#${j + 1}`, token, 'not a number');
      }
      return value;
    });
    out.push({ line: i + 1, values });
  });
  return out;
};

/** Requires exactly `names.length` fields (extra trailing fields are a format error too). */
export const fields = (rec: NumericLine, names: string[], fileName: string): number[] => {
  if (rec.values.length < names.length) {
    const missing = names[rec.values.length];
    throw new BenchmarkFormatError(
      fileName,
      rec.line,
      missing,
      '',
      `missing: expected ${names.length} fields (${names.join(' ')}), found ${rec.values.length}`,
    );
  }
  if (rec.values.length > names.length) {
    throw new BenchmarkFormatError(
      fileName,
      rec.line,
      `#${names.length + 1}`,
      String(rec.values[names.length]),
      `unexpected extra field: expected ${names.length} fields (${names.join(' ')})`,
    );
  }
  return rec.values;
};
