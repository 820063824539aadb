// Audit view: recent traffic (the newest audit entries, refreshed), and search by party, module, action, correlation
// id.
import { api, query } from './api.js';
import { fill, field, h, notice, table, when } from './dom.js';

export const title = 'Audit';
const PAGE = 50;
const FIELDS = [
  ['from', 'From party', 'NL*CPA'],
  ['to', 'To party', 'DE*EMA'],
  ['module', 'Module', 'locations'],
  ['action', 'Action', 'forward'],
  ['correlation_id', 'Correlation ID', ''],
];
const ACTIONS = ['forward', 'relay', 'push', 'signed-request'];

export function mount(root, params) {
  const search = Object.fromEntries(FIELDS.map(([name]) => [name, params.get(name) ?? '']));
  let entries = [];
  let cursor;
  let paged = false; // once older pages are shown, the refresh leaves the list alone
  const note = notice('audit-note');
  const heading = h('h2', { id: 'audit-results' });
  const older = h(
    'button',
    { type: 'button', class: 'quiet', testid: 'audit-older', hidden: true },
    'Load older entries',
  );
  const list = table(
    'Audit entries, newest first',
    ['Time', 'Action', 'From → to', 'Module', 'Object', 'Outcome', 'Correlation ID'],
    'audit',
  );
  const tbody = list.tBodies[0];

  async function fetchPage(after) {
    const page = await api('GET', `/audit${query({ ...search, limit: PAGE, cursor: after })}`);
    cursor = page.next_cursor;
    older.hidden = !cursor;
    return page.entries;
  }

  function show() {
    const filtered = Object.values(search).some(Boolean);
    heading.textContent = filtered ? 'Matching entries' : 'Recent traffic';
    fill(tbody, entries, row, filtered ? 'No entry matches.' : 'No traffic yet.');
  }

  async function refresh() {
    if (paged) return;
    entries = await fetchPage();
    show();
  }

  async function run(reset) {
    note.clear();
    try {
      if (reset) paged = false;
      entries = reset ? await fetchPage() : [...entries, ...(await fetchPage(cursor))];
      paged ||= !reset;
      show();
    } catch (error) {
      note.show(error.message, 'error');
    }
  }

  const inputs = FIELDS.map(([name, label, placeholder]) =>
    field(
      `audit-${name}`,
      label,
      h('input', {
        name,
        value: search[name],
        placeholder,
        list: name === 'action' ? 'audit-actions' : null,
        testid: `audit-${name}`,
      }),
    ),
  );
  const form = h(
    'form',
    { class: 'card', testid: 'audit-form', 'aria-labelledby': 'audit-search-title' },
    h('h2', { id: 'audit-search-title' }, 'Search'),
    h(
      'datalist',
      { id: 'audit-actions' },
      ACTIONS.map((a) => h('option', { value: a })),
    ),
    h('div', { class: 'row' }, inputs),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'reset', class: 'quiet', testid: 'audit-clear' }, 'Clear'),
      h('button', { type: 'submit', testid: 'audit-search' }, 'Search'),
    ),
  );
  const submit = () => {
    for (const [name] of FIELDS) search[name] = form.elements[name].value.trim();
    run(true);
  };
  form.addEventListener('submit', (event) => (event.preventDefault(), submit()));
  form.addEventListener('reset', () => setTimeout(submit)); // after the browser has emptied the fields
  older.addEventListener('click', () => run(false));

  function row(e) {
    const byCorrelation = e.correlation_id
      ? h(
          'button',
          {
            type: 'button',
            class: 'link mono small',
            title: 'Show every entry of this correlation id',
            'aria-label': `Search correlation id ${e.correlation_id}`,
          },
          e.correlation_id,
        )
      : h('span', { class: 'muted' }, '—');
    byCorrelation.addEventListener('click', () => {
      if (!e.correlation_id) return;
      for (const [name] of FIELDS) form.elements[name].value = name === 'correlation_id' ? e.correlation_id : '';
      submit();
    });
    return h(
      'tr',
      { testid: 'audit-row' },
      h('td', {}, when(e.at)),
      h('td', { class: 'mono' }, e.action),
      h('td', { class: 'mono' }, `${e.from ?? '—'} → ${e.to ?? '—'}`),
      h('td', {}, e.module ?? '—'),
      h('td', { class: 'mono small' }, e.object_id ?? '—'),
      h('td', { class: 'small' }, e.outcome),
      h('td', {}, byCorrelation),
    );
  }

  root.append(
    h('h1', {}, 'Audit'),
    form,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'audit-results' },
      heading,
      note,
      h('div', { class: 'scroll' }, list),
      older,
    ),
  );
  return refresh;
}
