// Agreements view: which CPO and eMSP may exchange data, for all modules or some; create and delete.
import { api } from './api.js';
import { act, fill, field, h, notice, table, when } from './dom.js';

export const title = 'Agreements';
const MODULES = ['locations', 'sessions', 'cdrs', 'tariffs', 'tokens', 'commands', 'chargingprofiles'];

const party = (p) => `${p.country_code}*${p.party_id}`;
const code = (name, placeholder, max, pattern) =>
  h('input', {
    name,
    required: true,
    maxlength: max,
    pattern,
    placeholder,
    class: 'short',
    testid: `agreement-${name}`,
  });

export function mount(root) {
  const note = notice('agreements-note');
  const formNote = notice('agreement-form-note');
  const list = table(
    'Roaming agreements: a CPO and an eMSP that may exchange data',
    ['CPO', 'eMSP', 'Modules', 'Created', 'Actions'],
    'agreements',
  );
  const tbody = list.tBodies[0];

  async function refresh() {
    fill(tbody, await api('GET', '/agreements'), row, 'No agreements yet.');
  }

  function row(a) {
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'quiet',
        testid: 'delete-agreement',
        'aria-label': `Delete the agreement between ${party(a.cpo)} and ${party(a.emsp)}`,
      },
      'Delete',
    );
    remove.addEventListener('click', () =>
      act(remove, note, async () => {
        if (
          !window.confirm(
            `Delete the agreement between ${party(a.cpo)} and ${party(a.emsp)}? Their traffic is refused from now on.`,
          )
        )
          return;
        await api('DELETE', `/agreements/${a.id}`);
        await refresh();
        note.show(`The agreement between ${party(a.cpo)} and ${party(a.emsp)} is deleted.`);
      }),
    );
    return h(
      'tr',
      { testid: 'agreement-row', 'data-id': a.id },
      h('td', { class: 'mono' }, party(a.cpo)),
      h('td', { class: 'mono' }, party(a.emsp)),
      h('td', {}, a.modules ? a.modules.join(', ') : h('span', { class: 'muted' }, 'all modules')),
      h('td', {}, when(a.created_at)),
      h('td', { class: 'actions' }, remove),
    );
  }

  const modules = h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, 'Modules (none ticked: all modules)'),
    MODULES.map((m) => h('label', {}, h('input', { type: 'checkbox', name: 'modules', value: m }), ` ${m}`)),
  );
  const submit = h('button', { type: 'submit', testid: 'create-agreement' }, 'Create agreement');
  const form = h(
    'form',
    { class: 'card', testid: 'agreement-form', 'aria-labelledby': 'new-agreement-title' },
    h('h2', { id: 'new-agreement-title' }, 'New agreement'),
    h(
      'div',
      { class: 'row' },
      field('cpo-cc', 'CPO country code', code('cpo_cc', 'NL', 2, '[A-Za-z]{2}')),
      field('cpo-pid', 'CPO party ID', code('cpo_pid', 'CPA', 3, '[A-Za-z0-9]{1,3}')),
      field('emsp-cc', 'eMSP country code', code('emsp_cc', 'DE', 2, '[A-Za-z]{2}')),
      field('emsp-pid', 'eMSP party ID', code('emsp_pid', 'EMA', 3, '[A-Za-z0-9]{1,3}')),
    ),
    modules,
    h('div', { class: 'actions' }, submit),
    formNote,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = (name) => form.elements[name].value.trim().toUpperCase();
    const ticked = [...form.querySelectorAll('input[name=modules]:checked')].map((c) => c.value);
    const body = {
      cpo: { country_code: v('cpo_cc'), party_id: v('cpo_pid') },
      emsp: { country_code: v('emsp_cc'), party_id: v('emsp_pid') },
      ...(ticked.length ? { modules: ticked } : {}),
    };
    act(submit, formNote, async () => {
      await api('POST', '/agreements', body);
      form.reset();
      await refresh();
      formNote.show(`${party(body.cpo)} and ${party(body.emsp)} may now exchange data.`);
    });
  });

  root.append(
    h('h1', {}, 'Agreements'),
    form,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'agreements-title' },
      h('h2', { id: 'agreements-title' }, 'Agreements in force'),
      note,
      h('div', { class: 'scroll' }, list),
    ),
  );
  return refresh;
}
