/**
 * The coordinator asks for and books a slot on a family's behalf (a phone call, a social
 * worker): pick the household, then the same slot form the family uses.
 */
import type { Api } from '../../api/client.ts';
import type { FamilyHousehold } from '../../../server/contract/family.ts';
import { h, replace, uid } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { renderSlotForm } from './family.ts';

export async function coordinatorSlotsView(root: HTMLElement, api: Api, week: string): Promise<void> {
  const householdId = uid('slot-household');
  const select = h('select', { id: householdId });
  const formEl = h('section', { class: 'panel', id: 'slot' });
  replace(
    root,
    h('h1', {}, t('slots.heading')),
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: householdId }, t('nav.households')), select),
    ),
    formEl,
  );
  const [households, services] = await Promise.all([api.listAll('households'), api.listAll('services')]);
  replace(
    select,
    households.map((hh) => h('option', { value: hh.id }, `${String(hh.name ?? hh.id)} (${hh.id})`)),
  );
  const show = async () => {
    const passengers = (await api.list('passengers', 1, 100, { householdId: select.value })).items;
    // No stored household: the coordinator types the hours, and the form saves nothing to the
    // household (saving schedules is the family's own endpoint); passengers by id and name.
    const household = {
      household: undefined,
      passengers: passengers.map((p) => ({ id: p.id, name: String(p.name ?? p.id) })),
      requests: [],
      services: services.map((s) => ({ id: s.id, name: String(s.name ?? s.id) })),
    } as unknown as FamilyHousehold;
    renderSlotForm(formEl, api, week, household, household.services ?? [], () => undefined);
  };
  select.addEventListener('change', () => void show());
  await show();
  if (root.isConnected) document.body.dataset.ready = 'slots';
}
