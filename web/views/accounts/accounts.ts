/**
 * The coordinator's account screen: who can log in, with what role and link; create an account
 * (a driver account picks an existing driver, a family account an existing household, an escort
 * account an existing escort), disable
 * and enable, reset a password (the generated one is shown here once), delete.
 */
import type { Account, AccountRole } from '../../../server/contract/accounts.ts';
import type { Api } from '../../api/client.ts';
import type { EntityRow as Row } from '../../../server/contract/entities.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { t } from '../../i18n/i18n.ts';
import { pager } from '../pager.ts';
import { escortsContract } from '../../../server/contract/safeguarding.ts';
import { showRefusal } from './refusal.ts';

const PAGE_SIZE = 25;
const ROLES: AccountRole[] = ['coordinator', 'driver', 'family', 'escort'];
const roleLabel = (r: AccountRole) => t(`accounts.role.${r}`);

export function accountsView(root: HTMLElement, api: Api, me: { id?: string }): void {
  const { accounts } = api;
  let roleFilter: AccountRole | '' = '';
  const table = h('div', { class: 'table-wrap' });
  const pages = pager({
    pageSize: PAGE_SIZE,
    label: (at) => t('accounts.page', at),
    load: () => void load(),
  });
  // The generated password is written here and nowhere else; the next action replaces it.
  const secret = h('div', { class: 'accounts-secret', role: 'status' });
  const names = new Map<string, string>();

  const showSecret = (username: string, password: string) =>
    replace(
      secret,
      h(
        'div',
        { class: 'card' },
        h('p', {}, t('accounts.generated', { username })),
        h('p', {}, h('code', { class: 'accounts-password', id: 'generated-password' }, password)),
        h('p', { class: 'hint' }, t('accounts.generatedOnce')),
      ),
    );

  const load = async () => {
    try {
      const res = await accounts.list(pages.page, PAGE_SIZE, roleFilter || undefined);
      renderTable(res.items);
      pages.show(res.total);
    } catch (err) {
      replace(table, h('p', { class: 'error', role: 'alert' }, t('app.error', { message: (err as Error).message })));
    }
  };

  const act = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      const message = t('app.error', { message: (err as Error).message });
      announce(message);
      replace(secret, h('p', { class: 'error', role: 'alert' }, message));
    }
    await load();
  };

  const linkText = (a: Account) =>
    a.driverId
      ? t('accounts.linkedTo', { name: names.get(`d:${a.driverId}`) ?? a.driverId, id: a.driverId })
      : a.householdId
        ? t('accounts.linkedTo', { name: names.get(`h:${a.householdId}`) ?? a.householdId, id: a.householdId })
        : a.escortId
          ? t('accounts.linkedTo', { name: names.get(`e:${a.escortId}`) ?? a.escortId, id: a.escortId })
          : '—';

  const renderTable = (rows: Account[]) => {
    if (!rows.length) return replace(table, h('p', {}, t('accounts.empty')));
    replace(
      table,
      h(
        'table',
        { class: 'accounts-table' },
        h('caption', { class: 'visually-hidden' }, t('accounts.listCaption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              t('accounts.col.username'),
              t('accounts.col.name'),
              t('accounts.col.role'),
              t('accounts.col.link'),
              t('accounts.col.status'),
              t('accounts.col.actions'),
            ].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((a) => {
            const self = a.id === me.id;
            return h(
              'tr',
              { dataset: { username: a.username } },
              h('td', {}, h('code', {}, a.username)),
              h('td', {}, a.displayName),
              h('td', {}, roleLabel(a.role)),
              h('td', {}, linkText(a)),
              h('td', {}, a.disabledAt ? h('span', { class: 'error' }, t('accounts.disabled')) : t('accounts.active')),
              h(
                'td',
                { class: 'actions' },
                self
                  ? h('span', { class: 'hint' }, t('accounts.you'))
                  : h(
                      'button',
                      {
                        type: 'button',
                        class: 'secondary',
                        'aria-label': t(a.disabledAt ? 'accounts.enableFor' : 'accounts.disableFor', {
                          username: a.username,
                        }),
                        onclick: () =>
                          act(async () => {
                            await accounts.setDisabled(a.id, !a.disabledAt);
                            replace(secret);
                            announce(
                              t(a.disabledAt ? 'accounts.enabledDone' : 'accounts.disabledDone', {
                                username: a.username,
                              }),
                            );
                          }),
                      },
                      t(a.disabledAt ? 'accounts.enable' : 'accounts.disable'),
                    ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    'aria-label': t('accounts.resetFor', { username: a.username }),
                    onclick: () =>
                      act(async () => {
                        if (!confirm(t('accounts.confirmReset', { username: a.username }))) return;
                        const res = await accounts.resetPassword(a.id);
                        if (res.generatedPassword) showSecret(a.username, res.generatedPassword);
                      }),
                  },
                  t('accounts.reset'),
                ),
                self
                  ? null
                  : h(
                      'button',
                      {
                        type: 'button',
                        class: 'danger',
                        'aria-label': t('accounts.deleteFor', { username: a.username }),
                        onclick: () =>
                          act(async () => {
                            if (!confirm(t('accounts.confirmDelete', { username: a.username }))) return;
                            await accounts.remove(a.id);
                            replace(secret);
                            announce(t('accounts.deletedDone', { username: a.username }));
                          }),
                      },
                      t('accounts.delete'),
                    ),
              ),
            );
          }),
        ),
      ),
    );
  };

  const filterId = uid('role-filter');
  const filter = h(
    'select',
    {
      id: filterId,
      onchange: (ev: Event) => {
        roleFilter = (ev.target as HTMLSelectElement).value as AccountRole | '';
        pages.first();
        void load();
      },
    },
    h('option', { value: '' }, t('accounts.allRoles')),
    ROLES.map((r) => h('option', { value: r }, roleLabel(r))),
  );

  replace(
    root,
    h('h1', {}, t('accounts.heading')),
    createForm(api, names, (username, password) => {
      if (password) showSecret(username, password);
      else replace(secret, h('p', { class: 'ok' }, t('accounts.created', { username })));
      announce(t('accounts.created', { username }));
      void load();
    }),
    secret,
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: filterId }, t('accounts.filterRole')), filter),
    ),
    table,
    pages.element,
  );
  void load();
}

/** The create form; `names` learns the drivers' and households' names for the table's link column. */
function createForm(
  api: Api,
  names: Map<string, string>,
  onCreated: (username: string, generated?: string) => void,
): HTMLElement {
  const ids = {
    username: uid('acc-username'),
    displayName: uid('acc-name'),
    role: uid('acc-role'),
    link: uid('acc-link'),
    password: uid('acc-password'),
    passwordHint: uid('acc-password-hint'),
  };
  const username = h('input', {
    id: ids.username,
    name: 'username',
    autocomplete: 'off',
    required: true,
    spellcheck: false,
  });
  const displayName = h('input', { id: ids.displayName, name: 'displayName', autocomplete: 'off' });
  const role = h(
    'select',
    { id: ids.role, name: 'role' },
    ROLES.map((r) => h('option', { value: r, selected: r === 'driver' }, roleLabel(r))),
  );
  const linkLabel = h('label', { for: ids.link });
  const link = h('select', { id: ids.link, name: 'link', required: true });
  const linkField = h('div', { class: 'field' }, linkLabel, link);
  const password = h('input', {
    id: ids.password,
    name: 'new-password',
    type: 'password',
    autocomplete: 'new-password',
    minlength: 10,
    'aria-describedby': ids.passwordHint,
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const options: Record<'driver' | 'family' | 'escort', Array<{ id: string; name?: unknown }>> = {
    driver: [],
    family: [],
    escort: [],
  };
  const inputs: Record<string, HTMLInputElement | HTMLSelectElement> = {
    username,
    displayName,
    role,
    driverId: link,
    householdId: link,
    escortId: link,
    password,
  };

  const nameOf = (r: { id: string; name?: unknown }) => (typeof r.name === 'string' ? r.name : r.id);
  const fillLink = () => {
    const r = role.value as AccountRole;
    const unlinked = r === 'coordinator';
    linkField.hidden = unlinked;
    link.required = !unlinked;
    if (unlinked) return replace(link);
    linkLabel.textContent = t(
      r === 'driver' ? 'accounts.linkDriver' : r === 'escort' ? 'accounts.linkEscort' : 'accounts.linkHousehold',
    );
    replace(
      link,
      h('option', { value: '' }, t('accounts.choose')),
      options[r].map((row) => h('option', { value: row.id }, `${nameOf(row)} (${row.id})`)),
    );
  };
  role.addEventListener('change', fillLink);
  fillLink();
  void Promise.all([api.listAll('drivers'), api.listAll('households'), api.call(escortsContract.list, {})])
    .then(([drivers, households, escorts]) => {
      options.driver = drivers;
      options.family = households;
      options.escort = escorts;
      for (const d of drivers) names.set(`d:${d.id}`, nameOf(d));
      for (const hh of households) names.set(`h:${hh.id}`, nameOf(hh));
      for (const e of escorts) names.set(`e:${e.id}`, e.name);
      const chosen = link.value;
      fillLink();
      link.value = chosen;
    })
    .catch((err: Error) => {
      error.textContent = t('app.error', { message: err.message });
    });

  const form = h(
    'form',
    {
      class: 'card accounts-form',
      'aria-labelledby': 'accounts-create-heading',
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        error.textContent = '';
        for (const el of Object.values(inputs)) el.removeAttribute('aria-invalid');
        const r = role.value as AccountRole;
        try {
          const res = await api.accounts.create({
            username: username.value.trim(),
            role: r,
            displayName: displayName.value.trim() || undefined,
            driverId: r === 'driver' ? link.value || undefined : undefined,
            householdId: r === 'family' ? link.value || undefined : undefined,
            escortId: r === 'escort' ? link.value || undefined : undefined,
            password: password.value || undefined,
          });
          form.reset();
          role.value = 'driver';
          fillLink();
          onCreated(res.account.username, res.generatedPassword);
        } catch (err) {
          showRefusal(err, error, inputs);
        }
      },
    },
    h('h2', { id: 'accounts-create-heading' }, t('accounts.createHeading')),
    h(
      'div',
      { class: 'accounts-fields' },
      h('div', { class: 'field' }, h('label', { for: ids.username }, t('accounts.username')), username),
      h('div', { class: 'field' }, h('label', { for: ids.displayName }, t('accounts.displayName')), displayName),
      h('div', { class: 'field' }, h('label', { for: ids.role }, t('accounts.role')), role),
      linkField,
      h(
        'div',
        { class: 'field' },
        h('label', { for: ids.password }, t('accounts.password')),
        password,
        h('span', { id: ids.passwordHint, class: 'hint' }, t('accounts.passwordHint')),
      ),
    ),
    error,
    h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'primary' }, t('accounts.create'))),
  );
  return form;
}
