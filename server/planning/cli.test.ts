import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyWeek } from './testing/tiny-week.ts';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/planning/cli.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, OSRM_URL: '' },
  });
const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));

describe('npm run plan', () => {
  it('plans a scenario file and prints its figures as JSON with --json', () => {
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify(tinyWeek()));
    const r = run(file, '--json', '--iterations', '100');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.provider).toBe('estimate');
    expect(out.violations).toEqual([]);
    expect(out.summary.tripsServed + out.summary.tripsUnserved).toBe(38);
    expect(out.unserved.map((u: { reason: string }) => u.reason)).toEqual([
      'OUTBOUND_AFTER_ADULT_LEAVES',
      'OUTBOUND_AFTER_ADULT_LEAVES',
    ]);
  }, 60_000);

  it('a scenario with a bad field exits non-zero naming the field, and prints nothing on stdout', () => {
    const bad = tinyWeek() as unknown as { vehicles: Array<{ capacity: { seats: number } }> };
    bad.vehicles[1].capacity.seats = -2;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = run(file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/vehicles\.1\.capacity\.seats/);
  }, 60_000);
});
