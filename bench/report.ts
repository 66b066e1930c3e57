/**
 * What every benchmark set produces: rows and a summary, printed as a table on stdout and
 * written unchanged as JSON to bench/results/<set>-<timestamp>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BenchOptions } from './args.ts';

export type Cell = string | number | boolean | null;
/** One table row; a median-of-seeds row keeps every seed's run under `runs`. */
export interface Row {
  [key: string]: Cell | string[] | Row[];
}

export interface BenchReport {
  set: string;
  options: BenchOptions;
  /** Column order for the table; every row has these keys (and may have more, kept in the JSON). */
  columns: string[];
  rows: Row[];
  summary: Record<string, Cell>;
}

/** A cell as the table prints it (also the per-seed totals of a median-of-seeds run). */
export const show = (v: unknown): string => {
  if (v === null || v === undefined) return '-';
  if (typeof v !== 'number') return String(v);
  // Gaps a hair below zero come from best-known values rounded to 2 decimals: show them as 0.00.
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/^-0\.00$/, '0.00');
};

export const formatTable = (report: BenchReport): string => {
  const cells = report.rows.map((row) => report.columns.map((c) => show(row[c])));
  const widths = report.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  const summary = Object.entries(report.summary).map(([k, v]) => `${k}: ${show(v)}`);
  return [line(report.columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), '', ...summary].join('\n');
};

export const writeReport = (report: BenchReport, now: Date): string => {
  mkdirSync('bench/results', { recursive: true });
  const path = `bench/results/${report.set}-${now.toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(path, `${JSON.stringify({ ...report, date: now.toISOString() }, null, 2)}\n`);
  return path;
};
