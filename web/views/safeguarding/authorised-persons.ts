/**
 * The coordinator's screen of authorised persons (#/safeguarding): pick a passenger, see who may
 * receive or hand them over and where (validity, identity document's last digits, role for
 * service staff), add a delegate or a staff member, revoke one. Over the safeguarding contract
 * (persons, savePerson, deletePerson); every read and change is audited by the server. Families
 * have no route to these records, so this screen is the coordinator's only.
 */
import type { Api } from '../../api/client.ts';
import { type AuthorisedPerson, safeguardingContract as c } from '../../../server/contract/safeguarding.ts';
import { announce, h, replace, uid } from '../../dom.ts';
import { lang } from '../../i18n/i18n.ts';
import { showRefusal } from '../accounts/refusal.ts';

const POINTS = ['home_pickup', 'service_dropoff', 'service_pickup', 'home_dropoff', 'alternative_dropoff'] as const;

const words = {
  it: {
    heading: 'Persone autorizzate',
    passenger: 'Passeggero',
    choose: '— scegli —',
    none: 'Nessuna persona autorizzata registrata (gli adulti del nucleo sono autorizzati a casa).',
    kind: 'Tipo',
    kind_delegate: 'Delegato/a',
    kind_household_adult: 'Adulto del nucleo',
    kind_service_staff: 'Personale del servizio',
    name: 'Nome',
    relationship: 'Relazione',
    phone: 'Telefono',
    docType: 'Documento',
    doc_identity_card: "Carta d'identità",
    doc_passport: 'Passaporto',
    doc_driving_licence: 'Patente',
    doc_other: 'Altro',
    docNone: 'nessuno',
    lastDigits: 'Ultime cifre del documento',
    validFrom: 'Valido dal',
    validTo: 'Valido fino al',
    staffRole: 'Ruolo (personale del servizio)',
    points: 'Dove può ricevere o affidare',
    point_home_pickup: 'presa a casa',
    point_service_dropoff: 'arrivo al servizio',
    point_service_pickup: 'uscita dal servizio',
    point_home_dropoff: 'consegna a casa',
    point_alternative_dropoff: 'indirizzo alternativo',
    add: 'Aggiungi persona autorizzata',
    added: 'Persona autorizzata aggiunta: {name}',
    revoke: 'Revoca',
    revokeOf: 'Revoca {name}',
    revoked: 'Autorizzazione revocata: {name}',
    always: 'sempre',
    error: 'Errore: {message}',
  },
  en: {
    heading: 'Authorised persons',
    passenger: 'Passenger',
    choose: '— choose —',
    none: "No authorised person recorded (the household's adults are authorised at home).",
    kind: 'Kind',
    kind_delegate: 'Delegate',
    kind_household_adult: 'Household adult',
    kind_service_staff: 'Service staff',
    name: 'Name',
    relationship: 'Relationship',
    phone: 'Phone',
    docType: 'Document',
    doc_identity_card: 'Identity card',
    doc_passport: 'Passport',
    doc_driving_licence: 'Driving licence',
    doc_other: 'Other',
    docNone: 'none',
    lastDigits: "Document's last digits",
    validFrom: 'Valid from',
    validTo: 'Valid until',
    staffRole: 'Role (service staff)',
    points: 'Where they may receive or hand over',
    point_home_pickup: 'pickup at home',
    point_service_dropoff: 'arrival at the service',
    point_service_pickup: 'leaving the service',
    point_home_dropoff: 'drop-off at home',
    point_alternative_dropoff: 'alternative address',
    add: 'Add authorised person',
    added: 'Authorised person added: {name}',
    revoke: 'Revoke',
    revokeOf: 'Revoke {name}',
    revoked: 'Authorisation revoked: {name}',
    always: 'always',
    error: 'Error: {message}',
  },
};
type Word = keyof typeof words.it;
const w = (k: Word, vars: Record<string, string> = {}) =>
  words[lang() === 'en' ? 'en' : 'it'][k].replace(/\{(\w+)\}/g, (_, v: string) => vars[v] ?? '');

export function authorisedPersonsView(root: HTMLElement, api: Api): void {
  const passengerId = uid('ap-passenger');
  const passenger = h('select', { id: passengerId }, h('option', { value: '' }, w('choose')));
  const list = h('section', { class: 'panel', id: 'authorised-persons', 'aria-live': 'polite' });
  const status = h('p', { role: 'status' });
  const formSlot = h('div', {});
  replace(
    root,
    h('h1', {}, w('heading')),
    h('div', { class: 'field' }, h('label', { for: passengerId }, w('passenger')), passenger),
    status,
    list,
    formSlot,
  );

  const validity = (p: AuthorisedPerson) =>
    p.validFrom || p.validTo ? `${p.validFrom ?? '…'} → ${p.validTo ?? '…'}` : w('always');

  const load = async () => {
    const id = passenger.value;
    if (!id) {
      replace(list);
      replace(formSlot);
      return;
    }
    try {
      const { persons } = await api.call(c.persons, { params: { passengerId: id } });
      replace(
        list,
        persons.length
          ? h(
              'table',
              { class: 'data' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  [w('name'), w('kind'), w('relationship'), w('docType'), w('validFrom'), w('points'), ''].map((x) =>
                    h('th', { scope: 'col' }, x),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                persons.map((p) =>
                  h(
                    'tr',
                    { 'data-person': p.id },
                    h('th', { scope: 'row' }, p.name),
                    h('td', {}, w(`kind_${p.kind}` as Word)),
                    h('td', {}, p.relationship),
                    h(
                      'td',
                      {},
                      p.idDocument ? `${w(`doc_${p.idDocument.type}` as Word)} …${p.idDocument.lastDigits}` : '—',
                    ),
                    h('td', {}, validity(p)),
                    h('td', {}, p.points.map((x) => w(`point_${x}` as Word)).join(', ')),
                    h(
                      'td',
                      {},
                      // the household's adults come from the household record: changed there, not revoked here
                      p.kind === 'household_adult'
                        ? ''
                        : h(
                            'button',
                            {
                              type: 'button',
                              class: 'secondary',
                              'aria-label': w('revokeOf', { name: p.name }),
                              onclick: async () => {
                                try {
                                  await api.call(c.deletePerson, { params: { id: p.id } });
                                  status.textContent = w('revoked', { name: p.name });
                                  announce(status.textContent);
                                  await load();
                                } catch (err) {
                                  status.textContent = w('error', { message: (err as Error).message });
                                }
                              },
                            },
                            w('revoke'),
                          ),
                    ),
                  ),
                ),
              ),
            )
          : h('p', {}, w('none')),
      );
      replace(formSlot, addForm(id));
    } catch (err) {
      replace(list, h('p', { class: 'error', role: 'alert' }, w('error', { message: (err as Error).message })));
    }
  };

  const addForm = (forPassenger: string): HTMLElement => {
    const ids = Object.fromEntries(
      ['kind', 'name', 'relationship', 'phone', 'docType', 'lastDigits', 'validFrom', 'validTo', 'staffRole'].map(
        (k) => [k, uid(`ap-${k}`)],
      ),
    ) as Record<string, string>;
    const kind = h(
      'select',
      { id: ids.kind },
      (['delegate', 'service_staff'] as const).map((k) => h('option', { value: k }, w(`kind_${k}`))),
    );
    const name = h('input', { id: ids.name, required: true, maxlength: 120, autocomplete: 'off' });
    const relationship = h('input', { id: ids.relationship, maxlength: 80, autocomplete: 'off' });
    const phone = h('input', { id: ids.phone, type: 'tel', maxlength: 40, autocomplete: 'off' });
    const docType = h(
      'select',
      { id: ids.docType },
      h('option', { value: '' }, w('docNone')),
      (['identity_card', 'passport', 'driving_licence', 'other'] as const).map((d) =>
        h('option', { value: d }, w(`doc_${d}`)),
      ),
    );
    const lastDigits = h('input', { id: ids.lastDigits, maxlength: 6, autocomplete: 'off' });
    const validFrom = h('input', { id: ids.validFrom, type: 'date' });
    const validTo = h('input', { id: ids.validTo, type: 'date' });
    const staffRole = h('input', { id: ids.staffRole, maxlength: 120, autocomplete: 'off' });
    const boxes = POINTS.map((pt) => [pt, h('input', { type: 'checkbox', value: pt })] as const);
    const pointsSet = h(
      'fieldset',
      {},
      h('legend', {}, w('points')),
      boxes.map(([pt, box]) => h('label', {}, box, ` ${w(`point_${pt}`)}`)),
    );
    const error = h('p', { class: 'error', role: 'alert' });
    const field = (id: string, label: Word, el: HTMLElement) =>
      h('div', { class: 'field' }, h('label', { for: id }, w(label)), el);
    const fields: Record<string, HTMLElement> = {
      kind,
      name,
      relationship,
      phone,
      idDocument: docType,
      'idDocument.lastDigits': lastDigits,
      validFrom,
      validTo,
      staffRole,
      points: pointsSet,
    };
    return h(
      'form',
      {
        class: 'card',
        novalidate: true,
        onsubmit: async (ev: Event) => {
          ev.preventDefault();
          error.textContent = '';
          for (const el of Object.values(fields)) el.removeAttribute('aria-invalid');
          try {
            const saved = await api.call(c.savePerson, {
              body: {
                passengerId: forPassenger,
                kind: kind.value as 'delegate' | 'service_staff',
                name: name.value,
                relationship: relationship.value,
                phone: phone.value,
                idDocument: docType.value
                  ? {
                      type: docType.value as 'identity_card' | 'passport' | 'driving_licence' | 'other',
                      lastDigits: lastDigits.value,
                    }
                  : null,
                validFrom: validFrom.value || null,
                validTo: validTo.value || null,
                staffRole: staffRole.value || null,
                points: boxes.filter(([, b]) => b.checked).map(([pt]) => pt),
              },
            });
            status.textContent = w('added', { name: saved.name });
            announce(status.textContent);
            await load();
          } catch (err) {
            showRefusal(err, error, fields);
          }
        },
      },
      h('h2', {}, w('add')),
      field(ids.kind, 'kind', kind),
      field(ids.name, 'name', name),
      field(ids.relationship, 'relationship', relationship),
      field(ids.phone, 'phone', phone),
      field(ids.docType, 'docType', docType),
      field(ids.lastDigits, 'lastDigits', lastDigits),
      field(ids.validFrom, 'validFrom', validFrom),
      field(ids.validTo, 'validTo', validTo),
      field(ids.staffRole, 'staffRole', staffRole),
      pointsSet,
      error,
      h('button', { type: 'submit', class: 'primary' }, w('add')),
    );
  };

  passenger.addEventListener('change', () => void load());
  void api
    .listAll('passengers')
    .then((rows) => {
      for (const r of rows)
        passenger.append(h('option', { value: r.id }, `${typeof r.name === 'string' ? r.name : r.id} (${r.id})`));
      document.body.dataset.ready = 'authorised-persons';
    })
    .catch((err: Error) => {
      status.textContent = w('error', { message: err.message });
    });
}
