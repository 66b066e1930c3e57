/**
 * The pager under a paged list (accounts, the management tables): previous, where we are, next.
 * It holds the page number; the view asks it which page to load and tells it the list's total
 * after each load, and it calls `load` again when the user turns the page.
 */
import { h, replace } from '../dom.ts';
import { t } from '../i18n/i18n.ts';

export interface Pager {
  /** The controls, to place under the list. */
  readonly element: HTMLElement;
  /** The page to load, from 1. */
  readonly page: number;
  /** Back to the first page (after the filters change); does not load. */
  first(): void;
  /** Redraws the controls for a list of `total` items. */
  show(total: number): void;
}

export function pager(opts: {
  pageSize: number;
  /** What to say between the buttons. */
  label: (at: { page: number; pages: number; total: number }) => string;
  load: () => void;
}): Pager {
  let page = 1;
  const element = h('div', { class: 'pager' });
  const turn = (by: number) => () => {
    page += by;
    opts.load();
  };
  return {
    element,
    get page() {
      return page;
    },
    first: () => {
      page = 1;
    },
    show: (total) => {
      const pages = Math.max(1, Math.ceil(total / opts.pageSize));
      replace(
        element,
        h('button', { type: 'button', class: 'secondary', disabled: page <= 1, onclick: turn(-1) }, t('manage.prev')),
        h('span', {}, opts.label({ page, pages, total })),
        h(
          'button',
          { type: 'button', class: 'secondary', disabled: page >= pages, onclick: turn(1) },
          t('manage.next'),
        ),
      );
    },
  };
}
