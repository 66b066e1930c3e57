/**
 * Best-known values shipped next to the instances (fixtures/benchmarks/<set>/bks.csv).
 * DARP: `instance,vehicles,requests,bks,source`; Li & Lim: `instance,vehicles,distance,source`.
 * The quoted source column comes last, so the leading fields split on commas safely.
 */
import { readFileSync } from 'node:fs';

export interface BestKnown {
  instance: string;
  vehicles: number;
  cost: number;
}

export const readBestKnown = (csvPath: string): BestKnown[] => {
  const [header, ...lines] = readFileSync(csvPath, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const names = header.split(',');
  const costColumn = names.includes('bks') ? names.indexOf('bks') : names.indexOf('distance');
  const vehiclesColumn = names.indexOf('vehicles');
  if (costColumn < 0 || vehiclesColumn < 0)
    throw new Error(`${csvPath}: header needs vehicles and bks|distance columns, got ${header}`);
  return lines.map((line, i) => {
    const fields = line.split(',');
    const row = { instance: fields[0], vehicles: Number(fields[vehiclesColumn]), cost: Number(fields[costColumn]) };
    if (!Number.isFinite(row.vehicles) || !Number.isFinite(row.cost))
      throw new Error(`${csvPath}: line ${i + 2} has no numeric vehicles/cost: ${line}`);
    return row;
  });
};
