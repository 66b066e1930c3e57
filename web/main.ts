/**
 * Entry point: a hash router (#/login, #/coordinator, #/manage/<entity>, #/safeguarding, #/accounts, #/password,
 * #/driver, #/family),
 * the header with navigation, language switch and logout. Each page is a function that fills
 * <main>; switching language re-renders the current page.
 */
import './zod-jitless.ts';
import './styles/app.css';
import './styles/print.css';
import { api, type Entity } from './api/client.ts';
import type { User } from '../server/contract/accounts.ts';
import { h, replace } from './dom.ts';
import { lang, onLangChange, setLang, t } from './i18n/i18n.ts';
import { isoWeekOf, todayInRome } from './state/time.ts';
import { driverView } from './views/driver/driver.ts';
import { coordinatorSlotsView } from './views/family/coordinator-slots.ts';
import { familyView } from './views/family/family.ts';
import { familyServicesView } from './views/family/services.ts';
import { loginView } from './views/login.ts';
import { pt } from './views/programme/texts.ts';
import { manageView, MANAGED } from './views/manage/manage.ts';

const header = document.getElementById('app-header')!;
const main = document.getElementById('main')!;
let user: User | null = null;

const homeOf = (u: User) =>
  u.role === 'coordinator'
    ? '#/coordinator'
    : u.role === 'driver'
      ? '#/driver'
      : u.role === 'escort'
        ? '#/escort'
        : '#/family';

function parseHash(): { path: string[]; params: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query] = raw.split('?');
  return { path: path.split('/').filter(Boolean), params: new URLSearchParams(query ?? '') };
}

function defaultWeek(): string {
  const next = new Date(Date.now() + 7 * 86_400_000);
  return isoWeekOf(todayInRome(next));
}

// A language switch re-renders the page: a record form with unsaved edits asks first.
main.addEventListener('input', (ev) => {
  const form = (ev.target as Element | null)?.closest?.('form.record-form');
  if (form instanceof HTMLElement) form.dataset.dirty = 'true';
});

function switchLanguage(select: HTMLSelectElement): void {
  const next = select.value === 'en' ? 'en' : 'it';
  if (main.querySelector('form.record-form[data-dirty]') && !confirm(t('app.discardEdits'))) {
    select.value = lang();
    return;
  }
  setLang(next);
}

function renderHeader(): void {
  const links: [string, string][] =
    user?.role === 'coordinator'
      ? [
          ['#/coordinator', t('nav.plan')],
          ['#/slots', t('nav.slots')],
          ['#/programme', pt('nav')],
          ...MANAGED.map((e) => [`#/manage/${e}`, t(`nav.${e}`)] as [string, string]),
          ['#/safeguarding', lang() === 'en' ? 'Authorised persons' : 'Persone autorizzate'],
          ['#/accounts', t('accounts.nav')],
        ]
      : [];
  const current = location.hash.split('?')[0];
  replace(
    header,
    h('span', { class: 'brand' }, t('app.title')),
    links.length
      ? h(
          'nav',
          { 'aria-label': t('app.nav') },
          h(
            'ul',
            {},
            links.map(([href, label]) =>
              h('li', {}, h('a', { href, 'aria-current': current === href ? 'page' : undefined }, label)),
            ),
          ),
        )
      : null,
    h(
      'div',
      { class: 'header-tools' },
      h('label', { for: 'lang-switch', class: 'visually-hidden' }, t('app.language')),
      h(
        'select',
        { id: 'lang-switch', onchange: (ev: Event) => switchLanguage(ev.target as HTMLSelectElement) },
        h('option', { value: 'it', selected: lang() === 'it' }, 'Italiano'),
        h('option', { value: 'en', selected: lang() === 'en' }, 'English'),
      ),
      user
        ? h(
            'a',
            { href: '#/password', class: 'header-link', 'aria-current': current === '#/password' ? 'page' : undefined },
            t('accounts.myPassword'),
          )
        : null,
      user
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: async () => {
                await api.logout().catch(() => undefined);
                user = null;
                location.hash = '#/login';
              },
            },
            t('app.logout'),
          )
        : null,
    ),
  );
}

/** Bumped on every navigation: a page whose loading finishes after the user moved on is dropped. */
let navigation = 0;

async function route(): Promise<void> {
  const mine = ++navigation;
  const stale = () => mine !== navigation;
  document.documentElement.lang = lang();
  document.querySelector('.skip-link')!.textContent = t('app.skip');
  const { path, params } = parseHash();
  if (!user && path[0] !== 'login') {
    user = await api.me().catch(() => null);
    if (stale()) return;
    if (!user) {
      location.hash = '#/login';
      return;
    }
  }
  renderHeader();
  delete document.body.dataset.ready;
  main.className = `page-${path[0] ?? 'login'}`;
  // Each page fills its own container: one that is still loading when the user navigates away
  // writes into a detached element instead of over the page the user went to.
  const root = h('div', { class: 'page-root' });
  replace(main, root);
  const page = path[0] ?? '';
  if (page === 'login' || !user) {
    loginView(root, api, (u) => {
      user = u;
      location.hash = homeOf(u);
    });
    return;
  }
  // The coordinator's screen (with Leaflet) is a separate chunk: a driver's phone never loads it.
  if (page === 'coordinator' && user.role === 'coordinator') {
    const { coordinatorView } = await import('./views/coordinator/coordinator.ts');
    if (!stale())
      coordinatorView(root, api, { week: params.get('week') ?? defaultWeek(), date: params.get('date') ?? undefined });
  } else if (page === 'programme' && user.role === 'coordinator') {
    const { programmeView } = await import('./views/programme/programme.ts');
    if (!stale()) programmeView(root, api);
  } else if (page === 'slots' && user.role === 'coordinator')
    void coordinatorSlotsView(root, api, params.get('week') ?? defaultWeek());
  else if (page === 'manage' && user.role === 'coordinator' && MANAGED.includes(path[1] as Entity))
    manageView(root, api, path[1] as Entity);
  else if (page === 'safeguarding' && user.role === 'coordinator') {
    const { authorisedPersonsView } = await import('./views/safeguarding/authorised-persons.ts');
    if (!stale()) authorisedPersonsView(root, api);
  } else if (page === 'accounts' && user.role === 'coordinator') {
    const { accountsView } = await import('./views/accounts/accounts.ts');
    if (!stale()) accountsView(root, api, user);
  } else if (page === 'password') {
    const { passwordView } = await import('./views/accounts/password.ts');
    if (!stale()) passwordView(root, api);
  } else if (page === 'driver' && user.role === 'driver') driverView(root, api, params.get('date') ?? todayInRome());
  else if (page === 'escort' && user.role === 'escort') {
    const { escortView } = await import('./views/escort/escort.ts');
    if (!stale()) escortView(root, params.get('date') ?? todayInRome());
  } else if (page === 'family' && path[1] === 'services' && user.role === 'family')
    familyServicesView(root, api, params.get('week') ?? defaultWeek(), todayInRome());
  else if (page === 'family' && user.role === 'family') familyView(root, api, params.get('week') ?? defaultWeek());
  else location.hash = homeOf(user);
}

window.addEventListener('hashchange', () => void route());
onLangChange(() => void route());
void route();
