/**
 * A published benchmark set: every instance file solved by the CLI, checked by the
 * independent checker, compared with the best known value. DARP sets compare distance
 * (fleet bounded by K); Li & Lim sets compare vehicles first, then distance where the
 * fleet matches the best known one (the SINTEF hierarchical objective).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readCordeau, readLiLim } from '../solver/index.ts';
import type { BenchOptions } from './args.ts';
import { readBestKnown } from './bks.ts';
import { type BenchReport, type Cell, type Row, show } from './report.ts';
import { runCli } from './run-cli.ts';

export interface BenchmarkSetSpec {
  dir: string;
  format: 'cordeau' | 'lilim';
  /** Keep only instances whose name starts with this (e.g. "a" for darp-a). */
  prefix?: string;
}

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const max = (xs: number[]): number | null => (xs.length === 0 ? null : Math.max(...xs));

export const benchmarkSet =
  (spec: BenchmarkSetSpec) =>
  async (options: BenchOptions): Promise<BenchReport> => {
    let bks = readBestKnown(`${spec.dir}/bks.csv`).filter((b) => b.instance.startsWith(spec.prefix ?? ''));
    if (options.instances.length > 0) {
      const unknown = options.instances.filter((name) => !bks.some((b) => b.instance === name));
      if (unknown.length > 0) throw new Error(`not in set ${options.set}: ${unknown.join(', ')}`);
      bks = bks.filter((b) => options.instances.includes(b.instance));
    }
    const rows: BenchReport['rows'] = [];
    for (const best of bks) {
      const file = `${spec.dir}/${best.instance}.txt`;
      if (!existsSync(file)) throw new Error(`${file} listed in bks.csv but missing`);
      const text = readFileSync(file, 'utf8');
      const { data, instance } =
        spec.format === 'cordeau' ? readCordeau(text, best.instance) : readLiLim(text, best.instance);
      const runs: Row[] = [];
      for (const seed of options.seeds ?? [options.seed]) {
        const run = await runCli(file, spec.format, options.timeLimitS, seed, data, options.iterations);
        const s = run.solution;
        const feasible = s !== null && run.violations.length === 0 && s.unserved.length === 0;
        const row: Row = {
          instance: best.instance,
          seed,
          bksVehicles: best.vehicles,
          bks: best.cost,
          vehicles: s?.routes.length ?? null,
          cost: s?.cost ?? null,
          gapPct: s === null ? null : ((s.cost - best.cost) / best.cost) * 100,
          seconds: s?.seconds ?? null,
          timeTo1PctS: feasible
            ? timeToWithin(s.progress ?? [], target(instance.objective.vehicleCost, best, 0.01))
            : null,
          feasible,
          unserved: s?.unserved.length ?? null,
          violations: run.error !== null ? [run.error] : run.violations.map((v) => `${v.kind}: ${v.message}`),
        };
        runs.push(row);
        process.stderr.write(
          `${best.instance} (seed ${seed}): ${feasible ? 'feasible' : 'NOT feasible'}, cost ${String(row.cost)}, gap ${typeof row.gapPct === 'number' ? row.gapPct.toFixed(2) : '-'}%, ${String(row.vehicles)} vehicles, ${run.wallS.toFixed(1)} s wall\n`,
        );
        for (const v of (row.violations as string[]).slice(0, 3)) process.stderr.write(`  ${v}\n`);
      }
      const median = medianRun(runs, spec.format === 'lilim');
      // Every run stays in the JSON; an instance is feasible only when every seed's run was.
      rows.push(runs.length === 1 ? median : { ...median, feasible: runs.every((r) => r.feasible === true), runs });
    }
    const report = spec.format === 'cordeau' ? darpReport(options, rows) : liLimReport(options, rows);
    if (options.seeds && options.seeds.length > 1) {
      report.columns.splice(1, 0, 'seed');
      Object.assign(report.summary, perSeedSummary(spec.format, options, rows));
    }
    return report;
  };

/**
 * The median of one instance's runs over several seeds: the runs ordered as the benchmark ranks
 * them (feasible first; then fewer vehicles for Li & Lim's hierarchical objective; then distance)
 * and the middle one taken (the better of the two middle ones for an even count).
 */
export const medianRun = (runs: Row[], vehiclesFirst: boolean): Row => {
  if (runs.length === 0) throw new Error('medianRun: no runs');
  const rank = (r: Row): [number, number, number] => [
    r.feasible === true ? 0 : 1,
    vehiclesFirst && typeof r.vehicles === 'number' ? r.vehicles : 0,
    typeof r.cost === 'number' ? r.cost : Infinity,
  ];
  const ordered = [...runs].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return ordered[Math.floor((ordered.length - 1) / 2)];
};

/** Each seed's own totals over the set, so the spread between seeds is in the report. */
const perSeedSummary = (format: 'cordeau' | 'lilim', options: BenchOptions, rows: Row[]): Record<string, Cell> => {
  const seeds = options.seeds ?? [options.seed];
  const bySeed = seeds.map((seed) =>
    rows.map((row) => ((row.runs as Row[] | undefined) ?? [row]).find((r) => r.seed === seed) ?? row),
  );
  const reports = bySeed.map((seedRows) =>
    format === 'cordeau' ? darpReport(options, seedRows) : liLimReport(options, seedRows),
  );
  const perSeed = (key: string) => reports.map((r) => show(r.summary[key])).join(' / ');
  const keys =
    format === 'cordeau'
      ? ['meanGapPct', 'worstGapPct']
      : ['vehiclesAboveBks', 'instancesWithBksFleet', 'meanGapPctWhereFleetMatches'];
  return Object.fromEntries([['seedsRun', seeds.join(' / ')], ...keys.map((k) => [`perSeed_${k}`, perSeed(k)])]);
};

const num = (row: Record<string, unknown>, key: string) => row[key] as number;

/**
 * The solver's objective (vehicles × vehicle cost + distance) of a solution at the best-known
 * fleet and within `gap` of the best-known distance: a point of the anytime curve at or below it
 * serves everyone with no more vans than the best known (the vehicle cost is a power of ten
 * above any distance) and is within the gap.
 */
const target = (vehicleCost: number, best: { vehicles: number | null; cost: number }, gap: number): number =>
  (vehicleCost > 0 ? (best.vehicles ?? 0) * vehicleCost : 0) + (1 + gap) * best.cost;

/** First second of the curve at or below `objective`, or null when it never gets there. */
export const timeToWithin = (curve: Array<[number, number]>, objective: number): number | null =>
  curve.find(([, cost]) => cost <= objective + 1e-9)?.[0] ?? null;

const times = (rows: BenchReport['rows']) => {
  const t = rows.map((r) => r.timeTo1PctS).filter((x): x is number => typeof x === 'number');
  return {
    reached1Pct: t.length,
    medianTimeTo1PctS: t.length ? [...t].sort((a, b) => a - b)[Math.floor((t.length - 1) / 2)] : null,
    worstTimeTo1PctS: max(t),
  };
};

const darpReport = (options: BenchOptions, rows: BenchReport['rows']): BenchReport => {
  const feasible = rows.filter((r) => r.feasible === true);
  const gaps = feasible.map((r) => num(r, 'gapPct'));
  return {
    set: options.set,
    options,
    columns: ['instance', 'bks', 'cost', 'gapPct', 'vehicles', 'seconds', 'timeTo1PctS', 'feasible'],
    rows,
    summary: {
      instances: rows.length,
      feasibleAllServed: feasible.length,
      meanGapPct: mean(gaps),
      worstGapPct: max(gaps),
      ...times(rows),
      gapsOver:
        feasible.length === rows.length
          ? 'all instances'
          : `feasible instances only (${rows.length - feasible.length} not feasible)`,
    },
  };
};

const liLimReport = (options: BenchOptions, rows: BenchReport['rows']): BenchReport => {
  const feasible = rows.filter((r) => r.feasible === true);
  const sameFleet = feasible.filter((r) => num(r, 'vehicles') === num(r, 'bksVehicles'));
  const gaps = sameFleet.map((r) => num(r, 'gapPct'));
  return {
    set: options.set,
    options,
    columns: ['instance', 'bksVehicles', 'bks', 'vehicles', 'cost', 'gapPct', 'seconds', 'timeTo1PctS', 'feasible'],
    rows,
    summary: {
      instances: rows.length,
      feasibleAllServed: feasible.length,
      vehiclesAboveBks: feasible.reduce((sum, r) => sum + Math.max(0, num(r, 'vehicles') - num(r, 'bksVehicles')), 0),
      instancesWithBksFleet: sameFleet.length,
      meanGapPctWhereFleetMatches: mean(gaps),
      worstGapPctWhereFleetMatches: max(gaps),
      ...times(rows),
    },
  };
};
