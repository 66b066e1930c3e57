/**
 * Before publishing, show what changed since the last published version (who moves and by
 * how much), then ask for confirmation. A native <dialog>: focus is trapped and Esc cancels.
 */
import type { PassengerMove, PlanDiff as Diff } from '../../../server/contract/plans.ts';
import { h } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { clock } from '../../state/time.ts';

const when = (d: string) => `${d.slice(8)}/${d.slice(5, 7)}`;
const dir = (m: PassengerMove) => t(m.direction === 'outbound' ? 'family.outbound' : 'family.return');

/** The diff as sections of human lines: who changes vehicle, whose time moves, what is added or removed. */
export function diffSections(diff: Diff | null): { title: string; lines: string[] }[] {
  if (!diff) return [];
  if (diff.fromVersion === null) return [{ title: t('coord.diffFirst', { count: diff.added.length }), lines: [] }];
  const sections = [
    {
      title: t('coord.diffVehicle'),
      lines: diff.movedBetweenVehicles.map(
        (m) => `${when(m.date)} · ${m.name} (${dir(m)}): ${m.before?.vehicleId ?? '–'} → ${m.after?.vehicleId ?? '–'}`,
      ),
    },
    {
      title: t('coord.diffTime'),
      lines: diff.timeShifts.map(
        (m) =>
          `${when(m.date)} · ${m.name} (${dir(m)}): ${m.before ? clock(m.before.pickup) : '–'} → ${m.after ? clock(m.after.pickup) : '–'} (${m.shiftMin > 0 ? '+' : ''}${m.shiftMin} min)`,
      ),
    },
    { title: t('coord.diffAdded'), lines: diff.added.map((m) => `${when(m.date)} · ${m.name} (${dir(m)})`) },
    { title: t('coord.diffRemoved'), lines: diff.removed.map((m) => `${when(m.date)} · ${m.name} (${dir(m)})`) },
  ];
  return sections.filter((s) => s.lines.length);
}

export function showPublishDialog(diff: Diff | null): Promise<boolean> {
  return new Promise((resolve) => {
    const sections = diffSections(diff);
    const dialog = h(
      'dialog',
      { class: 'publish-dialog', 'aria-labelledby': 'publish-title' },
      h('h2', { id: 'publish-title' }, t('coord.diff')),
      diff && diff.fromVersion !== null
        ? h('p', {}, t('coord.diffSummary', { passengers: diff.passengersAffected, maxShift: diff.maxShiftMin }))
        : null,
      sections.length
        ? h(
            'div',
            { class: 'diff-list' },
            sections.flatMap((sec) => [
              h('h3', {}, sec.title),
              sec.lines.length
                ? h(
                    'ul',
                    {},
                    sec.lines.slice(0, 200).map((l) => h('li', {}, l)),
                  )
                : null,
            ]),
          )
        : h('p', {}, t('coord.diffNone')),
      h(
        'form',
        { method: 'dialog', class: 'dialog-actions' },
        h('button', { value: 'cancel', class: 'secondary' }, t('app.cancel')),
        h('button', { value: 'publish', class: 'primary', id: 'confirm-publish' }, t('coord.confirmPublish')),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'publish');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
