/**
 * "Change my password", for every role: the current password, the new one twice. The server
 * ends the account's other sessions; this one stays. "Back" goes to the role's own home page.
 */
import { h, replace, uid } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { showRefusal } from './refusal.ts';
import type { Api } from '../../api/client.ts';

export function passwordView(root: HTMLElement, api: Api): void {
  const ids = { current: uid('pw-current'), next: uid('pw-new'), again: uid('pw-again'), hint: uid('pw-hint') };
  const current = h('input', {
    id: ids.current,
    name: 'current-password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const next = h('input', {
    id: ids.next,
    name: 'new-password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 10,
    'aria-describedby': ids.hint,
  });
  const again = h('input', {
    id: ids.again,
    name: 'new-password-again',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 10,
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const done = h('p', { class: 'ok', role: 'status' });
  const fields: Record<string, HTMLInputElement> = { currentPassword: current, newPassword: next };

  const form = h(
    'form',
    {
      class: 'card accounts-password-form',
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        error.textContent = '';
        done.textContent = '';
        for (const el of [current, next, again]) el.removeAttribute('aria-invalid');
        if (next.value !== again.value) {
          again.setAttribute('aria-invalid', 'true');
          error.textContent = t('accounts.mismatch');
          again.focus();
          return;
        }
        try {
          await api.accounts.changeOwnPassword(current.value, next.value);
          form.reset();
          done.textContent = t('accounts.passwordChanged');
        } catch (err) {
          showRefusal(err, error, fields);
        }
      },
    },
    h('h1', {}, t('accounts.passwordHeading')),
    h('div', { class: 'field' }, h('label', { for: ids.current }, t('accounts.currentPassword')), current),
    h(
      'div',
      { class: 'field' },
      h('label', { for: ids.next }, t('accounts.newPassword')),
      next,
      h('span', { id: ids.hint, class: 'hint' }, t('accounts.newPasswordHint')),
    ),
    h('div', { class: 'field' }, h('label', { for: ids.again }, t('accounts.newPasswordAgain')), again),
    h('button', { type: 'submit', class: 'primary' }, t('accounts.changePassword')),
    error,
    done,
    h('p', {}, h('a', { href: '#/' }, t('accounts.back'))),
  );
  replace(root, form);
  current.focus();
}
