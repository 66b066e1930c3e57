/**
 * The demo's family stories: the overlaid demo week still validates without errors, and every
 * story shows in the expanded week (fixed week 2026-W49; the summer weeks of 2027 for the camp).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../contract/domain.ts';
import { expandWeek } from '../domain/expand-week.ts';
import { validateScenario } from '../domain/validate-scenario.ts';
import { withFamilyStories } from './family-stories.ts';

const demo = ScenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../../fixtures/scenarios/demo-week.json', import.meta.url), 'utf8')),
);

describe('demo family stories', () => {
  const s = withFamilyStories({ ...demo, week: '2026-W49' });

  it('keeps the demo valid and leaves the input untouched', () => {
    expect(validateScenario(s).filter((i) => i.severity === 'error')).toEqual([]);
    expect(demo.households.some((h) => h.schedules)).toBe(false);
  });

  it('has a split shift, a night shift, a two-week rota, a grandparents’ Wednesday, a school → therapy chain and two centro estivo requests', () => {
    const named = (tag: string) => s.households.filter((h) => h.name.includes(tag));
    expect(named('turni spezzati')[0].schedules![0].weekly!.mon).toHaveLength(2);
    expect(named('turno di notte')[0].schedules![0].weekly!.mon![0].overnight).toBe(true);
    expect(named('rotazione')[0].schedules![0].rota!.weeks).toHaveLength(2);
    expect(named('nonni')).toHaveLength(1);
    expect(named('logopedia')).toHaveLength(1);
    expect(named('centro estivo')).toHaveLength(2);

    const week = expandWeek(s, '2026-W49');
    const wed = week.trips.filter((t) => t.date === '2026-12-02' && t.to.label.startsWith('Casa dei nonni'));
    expect(wed.length).toBeGreaterThan(0);
    expect(week.trips.some((t) => t.requestId.endsWith('.leg1') && t.serviceId === 'svc-logopedia-demo')).toBe(true);

    const summer = expandWeek(s, '2027-W25');
    // two children × 5 days × 2 directions: planned, or reported with the windows rule's reason
    const camp = summer.trips.filter((t) => t.requestId.endsWith('-estate'));
    const campUnservable = summer.unservable.filter((u) => u.requestId.endsWith('-estate'));
    expect(camp.length).toBeGreaterThan(0);
    expect(camp.length + campUnservable.length).toBe(20);
    expect(summer.trips.filter((t) => s.services.find((x) => x.id === t.serviceId)?.kind === 'school')).toEqual([]);
  });
});
