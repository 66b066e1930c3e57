/** The sign-in form; on success the router sends each role to its own page. */
import type { Api } from '../api/client.ts';
import type { User } from '../../server/contract/accounts.ts';
import { h, replace, uid } from '../dom.ts';
import { t } from '../i18n/i18n.ts';

export function loginView(root: HTMLElement, api: Api, onLogin: (user: User) => void): void {
  const userId = uid('username');
  const passId = uid('password');
  const username = h('input', { id: userId, name: 'username', autocomplete: 'username', required: true });
  const password = h('input', {
    id: passId,
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'login card',
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        error.textContent = '';
        try {
          onLogin(await api.login(username.value.trim(), password.value));
        } catch (err) {
          error.textContent = t('login.failed', { message: err instanceof Error ? err.message : String(err) });
        }
      },
    },
    h('h1', {}, t('login.heading')),
    h('div', { class: 'field' }, h('label', { for: userId }, t('login.username')), username),
    h('div', { class: 'field' }, h('label', { for: passId }, t('login.password')), password),
    h('button', { type: 'submit', class: 'primary' }, t('login.submit')),
    error,
  );
  replace(root, form);
  username.focus();
}
