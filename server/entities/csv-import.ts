/**
 * CSV import of passengers or standing requests, all or nothing: every row is checked (schema,
 * then the cross-entity rules, seeing the rows above it) inside one transaction; if any row is
 * wrong the transaction is rolled back and the report lists every error by line and field.
 */
import { ZodError } from 'zod';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors/app-error.ts';
import { CsvSyntaxError, parseCsv } from '../csv/csv.ts';
import type { CsvColumns } from './csv-columns.ts';
import { KINDS, type Kind } from './kinds.ts';
import { checkEntity } from './rules.ts';
import { getEntity, writeEntity } from './store.ts';

export interface ImportError {
  /** Line of the CSV file (the header is line 1). */
  row: number;
  field: string;
  message: string;
}

export interface ImportReport {
  imported: number;
  errors: ImportError[];
}

class RollBack extends Error {}

export async function importCsv(db: Db, kind: Kind, columns: CsvColumns, text: string): Promise<ImportReport> {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      return { imported: 0, errors: [{ row: e.line, field: '(file)', message: e.message }] };
    throw e;
  }
  const [head, ...rows] = records;
  if (!head)
    return { imported: 0, errors: [{ row: 1, field: '(file)', message: 'the file is empty: expected a header line' }] };
  const header = head.cells.map((h) => h.trim());
  const unknown = header.filter((h) => !columns.header.includes(h));
  if (unknown.length > 0 || !header.includes('id')) {
    const message = unknown.length
      ? `unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; expected ${columns.header.join(', ')}`
      : 'the header needs an "id" column';
    return { imported: 0, errors: [{ row: 1, field: unknown[0] ?? 'id', message }] };
  }

  const errors: ImportError[] = [];
  let imported = 0;
  try {
    await db.transaction(async (tx) => {
      const seen = new Map<string, number>();
      for (const rec of rows) {
        if (rec.cells.length !== header.length) {
          errors.push({
            row: rec.line,
            field: '(row)',
            message: `${rec.cells.length} cells where the header has ${header.length}`,
          });
          continue;
        }
        const cells = Object.fromEntries(header.map((h, i) => [h, rec.cells[i]!]));
        const input = columns.fromRow(cells);
        try {
          const parsed = KINDS[kind].schema.parse(input) as Record<string, unknown> & { id: string };
          const earlier = seen.get(parsed.id);
          if (earlier !== undefined) {
            errors.push({ row: rec.line, field: 'id', message: `"${parsed.id}" is already on line ${earlier}` });
            continue;
          }
          seen.set(parsed.id, rec.line);
          const existing = await getEntity<Record<string, unknown>>(tx, kind, parsed.id);
          // Windows promised to a family are not in the CSV: a re-import must not drop them.
          const merged =
            existing?.promised && !('promised' in input) ? { ...parsed, promised: existing.promised } : parsed;
          await writeEntity(tx, kind, await checkEntity(tx, kind, merged));
          imported++;
        } catch (e) {
          if (e instanceof ZodError) {
            for (const issue of e.issues) {
              const field = issue.path.join('.') || '(row)';
              const value = issue.path.reduce<unknown>(
                (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k],
                input,
              );
              errors.push({
                row: rec.line,
                field,
                message: value === undefined ? issue.message : `${issue.message} (got ${JSON.stringify(value)})`,
              });
            }
          } else if (e instanceof AppError && e.code === 'REQUEST_INVALID') {
            for (const d of e.details) errors.push({ row: rec.line, field: d.path, message: d.message });
          } else {
            throw e;
          }
        }
      }
      if (errors.length > 0) throw new RollBack();
    });
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
    return { imported: 0, errors };
  }
  return { imported, errors: [] };
}
