/**
 * The family's Action A panel on its page: whether the household is eligible (and why not),
 * the voucher — granted, spent, committed by the published plans, left — and each booking
 * request with its state: pending, approved, or refused with the coordinator's reason.
 */
import type { Api } from '../../api/client.ts';
import { programmeApi } from '../../api/programme.ts';
import { h, replace } from '../../dom.ts';
import { euro, pt } from './texts.ts';

export function programmePanel(api: Api): HTMLElement {
  const el = h('section', { class: 'panel', id: 'programme' }, h('h2', {}, pt('myVoucher')), h('p', {}, pt('loading')));
  void (async () => {
    try {
      const me = await programmeApi(api).me();
      const v = me.voucher;
      const states = {
        pending: pt('statePending'),
        approved: pt('stateApproved'),
        refused: pt('stateRefused'),
        cancelled: pt('stateCancelled'),
      };
      const state = (s: keyof typeof states) => states[s];
      replace(
        el,
        h('h2', {}, pt('myVoucher')),
        h(
          'p',
          { class: me.eligibility.eligible ? 'ok' : 'error' },
          me.eligibility.eligible
            ? `${pt('eligible')}: ${me.eligibility.grounds.join('; ')}`
            : `${pt('notEligible')}: ${me.eligibility.reasons.map((r) => r.message).join('; ')}`,
        ),
        v.grant
          ? h(
              'dl',
              { class: 'voucher' },
              h('dt', {}, pt('granted')),
              h('dd', {}, `${euro(v.amountCents)} (${v.grant.validFrom} – ${v.grant.validTo})`),
              h('dt', {}, pt('spent')),
              h('dd', {}, euro(v.spentCents)),
              h('dt', {}, pt('committed')),
              h('dd', {}, euro(v.committedCents)),
              h('dt', {}, pt('remaining')),
              h('dd', { id: 'voucher-remaining' }, euro(v.remainingCents)),
            )
          : h('p', {}, pt('noVoucher')),
        h('h3', {}, pt('myRequests')),
        me.requests.length
          ? h(
              'ul',
              { id: 'programme-requests' },
              me.requests.map((r) =>
                h(
                  'li',
                  { 'data-status': r.status },
                  `${r.passengerName} — ${r.serviceName} (${r.weekdays.join(', ')}): `,
                  h('strong', {}, state(r.status)),
                  r.reason ? `: ${r.reason}` : '',
                ),
              ),
            )
          : h('p', {}, pt('noRequests')),
      );
    } catch (err) {
      replace(
        el,
        h('h2', {}, pt('myVoucher')),
        h('p', { class: 'error', role: 'alert' }, pt('error', { message: (err as Error).message })),
      );
    }
  })();
  return el;
}
