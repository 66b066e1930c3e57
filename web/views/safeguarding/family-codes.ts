/**
 * The family's handover code of the day, one per passenger of the household, shown in its app:
 * the adult (or the delegate they tell it to) gives it to the driver at the handover.
 */
import { safeguardingApi } from '../../api/safeguarding.ts';
import { h, replace } from '../../dom.ts';
import { st } from './texts.ts';

export function familyHandoverCodes(): HTMLElement {
  const list = h('ul', { class: 'handover-codes' });
  const panel = h(
    'section',
    { class: 'panel family-codes', hidden: true, 'aria-labelledby': 'family-codes-h' },
    h('h2', { id: 'family-codes-h' }, st('familyCodes')),
    h('p', {}, st('familyCodeHelp')),
    list,
  );
  void safeguardingApi.familyCodes().then(
    (codes) => {
      replace(
        list,
        codes.map((c) => h('li', {}, st('familyCodeLine', { name: c.name, code: c.code }))),
      );
      panel.hidden = codes.length === 0;
    },
    () => {},
  );
  return panel;
}
