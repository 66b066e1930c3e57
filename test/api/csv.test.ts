import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/csv/csv.ts';
import { startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { seedWorld } from '../helpers/world.ts';

let t: TestApp;
let coord: TestSession;
beforeAll(async () => {
  t = await startTestApp({ setup: seedWorld });
  coord = await t.login('coordinator');
});
afterAll(async () => {
  await t?.close();
});

const importCsv = (entity: string, csv: string) =>
  coord.fetch(`/api/${entity}/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
const count = async (entity: string) => (await (await coord.fetch(`/api/${entity}?pageSize=1`)).json()).total as number;

describe('CSV import and export', () => {
  it('exports passengers with a header and quoted fields, and the export imports back unchanged', async () => {
    const res = await coord.fetch('/api/passengers.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await res.text();
    const [header, ...rows] = parseCsv(text);
    expect(header!.cells.slice(0, 3)).toEqual(['id', 'name', 'householdId']);
    expect(rows.map((r) => r.cells[0])).toEqual(['pa-1', 'pb-1']);
    const again = await (await importCsv('passengers', text)).json();
    expect(again).toEqual({ imported: 2, errors: [] });
    expect(await count('passengers')).toBe(2);
  });

  it('imports new passengers, with a comma and a quote inside a quoted field', async () => {
    const csv =
      'id,name,householdId,ageGroup,mobility,notesForDriver\r\np-new1,"Rossi, Anna",hh-a,elderly,walker,"says ""ciao"""\r\n';
    expect(await (await importCsv('passengers', csv)).json()).toEqual({ imported: 1, errors: [] });
    const p = await (await coord.fetch('/api/passengers/p-new1')).json();
    expect(p).toMatchObject({
      name: 'Rossi, Anna',
      notesForDriver: 'says "ciao"',
      mobility: 'walker',
      needsEscort: false,
    });
  });

  it('one bad row rejects the whole file: every error is reported by line and field, and nothing is imported', async () => {
    const before = await count('passengers');
    const csv = [
      'id,name,householdId,ageGroup,mobility,homeLabel,homeLat,homeLon',
      'p-ok1,Uno,hh-a,adult,walks,,,',
      'p-bad1,Due,hh-a,adult,flying,,,',
      'p-bad2,Tre,hh-zzz,adult,walks,,,',
      'p-bad3,Quattro,hh-b,child,walks,Milano,45.4642,9.19',
      'p-ok2,Cinque,hh-b,child,walks,,,',
    ].join('\n');
    const res = await importCsv('passengers', csv);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.imported).toBe(0);
    expect(report.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
      '3:mobility',
      '4:householdId',
      '5:home',
    ]);
    expect(report.errors[0].message).toContain('"flying"');
    expect(await count('passengers')).toBe(before);
    expect((await coord.fetch('/api/passengers/p-ok1')).status).toBe(404);
  });

  it('standing requests round-trip through CSV, weekdays as a space-separated list', async () => {
    const text = await (await coord.fetch('/api/requests.csv')).text();
    expect(text.split('\r\n')[1]).toContain('mon tue wed thu fri');
    const edited = text.replace('rq-pa-1,pa-1,svc-cdd,mon tue wed thu fri', 'rq-pa-1,pa-1,svc-cdd,mon wed');
    expect(await (await importCsv('requests', edited)).json()).toEqual({ imported: 2, errors: [] });
    expect((await (await coord.fetch('/api/requests/rq-pa-1')).json()).weekdays).toEqual(['mon', 'wed']);
    const closedDay = text.replace('mon tue wed thu fri', 'sat');
    const report = await (await importCsv('requests', closedDay)).json();
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, field: 'weekdays.0' })]);
  });

  it('an unknown column or an unclosed quote is reported on its line', async () => {
    expect((await (await importCsv('passengers', 'id,nmae\np1,x\n')).json()).errors[0]).toMatchObject({
      row: 1,
      field: 'nmae',
    });
    expect((await (await importCsv('passengers', 'id,name\np1,"x\n')).json()).errors[0]).toMatchObject({ row: 2 });
  });
});
