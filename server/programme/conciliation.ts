/**
 * Conciliation hours, Action A's own outcome: for each delivered trip, the working time the trip
 * freed for the adult — the time the adult would otherwise have spent taking the passenger there
 * and coming back. The documented rule (docs/programme.md, shown in the monitoring page):
 *
 *   conciliation minutes = round(2 × direct drive time home ↔ service in minutes)
 *   direct drive time    = 60 s + (great-circle distance × 1.35) at 32 km/h
 *
 * counted only when the household has declared work hours on the trip's weekday (a trip on a
 * day nobody works frees no working time) — 0 otherwise.
 */
import { estimateDirectS } from '../windows/estimate-direct.ts';

export function conciliationMinutes(
  home: { lat: number; lon: number },
  service: { lat: number; lon: number },
  adultWorksThatDay: boolean,
): number {
  if (!adultWorksThatDay) return 0;
  return Math.round((2 * estimateDirectS(home, service)) / 60);
}
