/**
 * The timeline: one row per vehicle (its morning and afternoon runs side by side), each stop a
 * block on a 6:00–20:00 axis. Blocks are buttons (Tab, Enter to select). A block can be dragged
 * with the mouse, pen or finger onto another row: the drop time picks the vehicle's run and
 * the position among that run's stops.
 */
import type { PlanRoute, PlanStop } from '../../../server/contract/plan.ts';
import { h, replace } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { clock, minutesOfDay } from '../../state/time.ts';

export const AXIS_FROM_MIN = 6 * 60;
export const AXIS_TO_MIN = 20 * 60;
const SPAN = AXIS_TO_MIN - AXIS_FROM_MIN;

export interface TimelineDrop {
  stop: PlanStop;
  fromRouteId: string;
  toRouteId: string;
  position: number;
}

export interface TimelineOptions {
  onSelect(stopId: string): void;
  onDrop(drop: TimelineDrop): void;
  vehicleLabel(vehicleId: string): string;
  colourOf(route: PlanRoute): string;
}

const pct = (min: number) => `${(Math.min(Math.max(min - AXIS_FROM_MIN, 0), SPAN) / SPAN) * 100}%`;

/** Minutes a block occupies on screen at the timeline's width (its label needs about this much). */
export const BLOCK_MIN = 7;

/** Stacks blocks into lanes so none overlaps: each goes into the first lane free at its start. */
export function assignLanes(intervals: { from: number; to: number }[]): number[] {
  const laneEnds: number[] = [];
  return intervals.map(({ from, to }) => {
    let lane = laneEnds.findIndex((end) => end <= from);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = Math.max(to, from + BLOCK_MIN);
    return lane;
  });
}

/** The run of a vehicle a drop at `minute` belongs to: the one spanning it, else the nearest. */
export function runAt(routes: PlanRoute[], minute: number): PlanRoute | undefined {
  const distance = (r: PlanRoute) => {
    const from = minutesOfDay(r.departure);
    const to = minutesOfDay(r.return);
    return minute < from ? from - minute : minute > to ? minute - to : 0;
  };
  return [...routes].sort((a, b) => distance(a) - distance(b))[0];
}

/** Where a stop dropped at `minute` goes in `route`: the number of its stops that start earlier. */
export function dropPosition(route: PlanRoute, minute: number, movingRequestId: string): number {
  return route.stops.filter((s) => s.requestId !== movingRequestId && minutesOfDay(s.start) < minute).length;
}

export function renderTimeline(
  container: HTMLElement,
  routes: PlanRoute[],
  badStopIds: Set<string>,
  opts: TimelineOptions,
): (stopId: string | null) => void {
  const hours = Array.from({ length: (AXIS_TO_MIN - AXIS_FROM_MIN) / 60 + 1 }, (_, i) => 6 + i);
  const axis = h(
    'div',
    { class: 'tl-axis', 'aria-hidden': 'true' },
    h('div', { class: 'tl-label' }),
    h(
      'div',
      { class: 'tl-track' },
      hours.map((hr) => h('span', { class: 'tl-hour', style: { left: pct(hr * 60) } }, `${hr}:00`)),
    ),
  );
  const byVehicle = new Map<string, PlanRoute[]>();
  for (const route of routes) byVehicle.set(route.vehicleId, [...(byVehicle.get(route.vehicleId) ?? []), route]);
  const vehicleIds = [...byVehicle.keys()].sort();
  const rows = vehicleIds.map((vehicleId) => {
    const runs = byVehicle.get(vehicleId)!;
    const track = h('div', { class: 'tl-track', dataset: { vehicleId } });
    const ordered = runs.flatMap((route) => route.stops.map((stop) => ({ route, stop })));
    const lanes = assignLanes(
      ordered.map(({ stop }) => ({ from: minutesOfDay(stop.start), to: minutesOfDay(stop.departure) })),
    );
    const laneOf = new Map(ordered.map(({ stop }, i) => [stop.id, lanes[i]]));
    track.style.height = `${Math.max(1, ...lanes.map((l) => l + 1)) * 1.7 + 0.3}rem`;
    for (const route of runs) {
      if (route.stops.length) {
        const from = minutesOfDay(route.departure);
        const to = minutesOfDay(route.return);
        track.append(
          h('span', {
            class: 'tl-run',
            style: {
              left: pct(from),
              width: `${(Math.max(to - from, 1) / SPAN) * 100}%`,
              borderColor: opts.colourOf(route),
            },
          }),
        );
      }
      route.stops.forEach((stop, i) => {
        const start = minutesOfDay(stop.start);
        const end = Math.max(minutesOfDay(stop.departure), start + 4);
        const label = t('coord.stopBlock', {
          n: i + 1,
          kind: t(stop.kind === 'pickup' ? 'coord.kind.pickup' : 'coord.kind.delivery'),
          label: stop.label,
          time: clock(stop.start),
        });
        const block = h(
          'button',
          {
            type: 'button',
            class: `tl-stop tl-${stop.kind}${stop.locked ? ' tl-locked' : ''}${badStopIds.has(stop.id) ? ' tl-bad' : ''}`,
            style: {
              left: pct(start),
              top: `${(laneOf.get(stop.id) ?? 0) * 1.7 + 0.2}rem`,
              width: `max(1.2rem, ${((end - start) / SPAN) * 100}%)`,
              background: opts.colourOf(route),
            },
            title: label,
            'aria-label': label,
            'aria-pressed': 'false',
            dataset: { stopId: stop.id, requestId: stop.requestId, routeId: route.id, vehicleId },
            onclick: () => opts.onSelect(stop.id),
          },
          String(i + 1),
        );
        enableDrag(block, stop, route, byVehicle, opts);
        track.append(block);
      });
    }
    return h(
      'div',
      {
        class: 'tl-row',
        role: 'group',
        'aria-label': t('coord.vehicleRow', { vehicle: opts.vehicleLabel(vehicleId) }),
      },
      h(
        'div',
        { class: 'tl-label' },
        h('span', { class: 'swatch', style: { background: opts.colourOf(runs[0]) } }),
        opts.vehicleLabel(vehicleId),
      ),
      track,
    );
  });
  replace(container, h('p', { class: 'hint' }, t('coord.timelineHelp')), axis, rows);
  return (stopId) => {
    for (const el of container.querySelectorAll<HTMLElement>('.tl-stop')) {
      const on = el.dataset.stopId === stopId;
      el.classList.toggle('tl-selected', on);
      el.setAttribute('aria-pressed', String(on));
      if (on) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  };
}

function enableDrag(
  block: HTMLElement,
  stop: PlanStop,
  route: PlanRoute,
  byVehicle: Map<string, PlanRoute[]>,
  opts: TimelineOptions,
): void {
  block.addEventListener('pointerdown', (down) => {
    if (down.button !== 0) return;
    const startX = down.clientX;
    const startY = down.clientY;
    let ghost: HTMLElement | null = null;
    const move = (ev: PointerEvent) => {
      if (!ghost && Math.hypot(ev.clientX - startX, ev.clientY - startY) < 6) return;
      if (!ghost) {
        ghost = block.cloneNode(true) as HTMLElement;
        ghost.classList.add('tl-ghost');
        ghost.removeAttribute('id');
        document.body.append(ghost);
      }
      ghost.style.left = `${ev.clientX - 10}px`;
      ghost.style.top = `${ev.clientY - 10}px`;
    };
    const up = (ev: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      if (!ghost) return;
      ghost.remove();
      const target = document
        .elementsFromPoint(ev.clientX, ev.clientY)
        .find((el) => el instanceof HTMLElement && el.classList.contains('tl-track') && el.dataset.vehicleId) as
        | HTMLElement
        | undefined;
      if (!target) return;
      const rect = target.getBoundingClientRect();
      const minute = AXIS_FROM_MIN + ((ev.clientX - rect.left) / rect.width) * SPAN;
      const toRoute = runAt(byVehicle.get(target.dataset.vehicleId!) ?? [], minute);
      if (!toRoute) return;
      opts.onDrop({
        stop,
        fromRouteId: route.id,
        toRouteId: toRoute.id,
        position: dropPosition(toRoute, minute, stop.requestId),
      });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  });
}
