/**
 * npm run --silent report -- --from 2026-11-01 --to 2026-11-30 [--format table|csv|json] [--comune NAME]
 *
 * Prints Action A's monitoring report on the embedded demo data: an in-memory database with
 * the demo week seeded for the ISO week after --to, so the demo's delivered history (the five
 * weeks before the demo week) covers the month asked. Exit 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DateSchema } from '../contract/domain.ts';
import { migrate } from '../db/migrate.ts';
import { openPgliteDb } from '../db/pglite-db.ts';
import { addDays, isoWeekDates, isoWeekOf } from '../domain/calendar.ts';
import { AppError } from '../errors/app-error.ts';
import { seedDemo } from '../seed/demo.ts';
import { monitoringCsv, monitoringReport, monitoringTable } from './monitoring.ts';

const ArgsSchema = z.object({
  from: DateSchema,
  to: DateSchema,
  format: z.enum(['table', 'csv', 'json']).default('table'),
  comune: z.string().optional(),
});

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      comune: { type: 'string' },
    },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    for (const i of parsed.error.issues) console.error(`--${i.path.join('.')}: ${i.message}`);
    console.error(
      'usage: npm run --silent report -- --from YYYY-MM-DD --to YYYY-MM-DD [--format table|csv|json] [--comune NAME]',
    );
    return 2;
  }
  const a = parsed.data;
  const db = await openPgliteDb();
  try {
    await migrate(db);
    const week = isoWeekOf(addDays(a.to, 1));
    await seedDemo(db, { week, now: new Date(`${isoWeekDates(week)[0]}T06:00:00Z`) });
    const report = await monitoringReport(db, a);
    if (a.format === 'csv') process.stdout.write(monitoringCsv(report));
    else if (a.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(`${monitoringTable(report)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
