// Outbox view: deliveries pending, in flight and dead, filtered by state, receiver and module; Retry and Delete.
import { api, query } from './api.js';
import { act, badge, fill, field, h, notice, table, when } from './dom.js';

export const title = 'Outbox';
const PAGE = 50;
const STATES = [
  ['dead', 'Dead letters'],
  ['pending', 'Pending'],
  ['in_flight', 'In flight'],
  ['delivered', 'Delivered'],
  ['superseded', 'Superseded'],
  ['dropped', 'Dropped'],
  ['', 'All states'],
];
const MODULES = ['locations', 'sessions', 'cdrs', 'tariffs', 'tokens', 'commands', 'chargingprofiles', 'hubclientinfo'];
const RETRYABLE = new Set(['dead', 'dropped', 'superseded']);

const select = (name, options, value) =>
  h(
    'select',
    { name, testid: `outbox-${name}` },
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)),
  );

export function mount(root, params) {
  const filter = {
    state: params.get('state') ?? 'dead',
    platform: params.get('platform') ?? '',
    module: params.get('module') ?? '',
    offset: 0,
  };
  const note = notice('outbox-note');
  const names = new Map();
  const receivers = select('platform', [['', 'All receivers']], filter.platform);
  const summary = h('p', { class: 'summary', testid: 'outbox-summary', 'aria-live': 'polite' });
  const pager = h('p', { class: 'pager' });
  const list = table(
    'Outbox rows, oldest first (payloads and URLs are never shown)',
    ['Created', 'Receiver', 'Call', 'State', 'Attempts', 'Last answer', 'Next attempt or delivery', 'Actions'],
    'outbox',
  );
  const tbody = list.tBodies[0];

  async function refresh() {
    const platforms = await api('GET', '/platforms');
    for (const p of platforms) names.set(p.id, p.name);
    if (receivers.options.length !== platforms.length + 1) {
      receivers.replaceChildren(
        h('option', { value: '' }, 'All receivers'),
        platforms.map((p) => h('option', { value: p.id, selected: p.id === filter.platform }, p.name)),
      );
    }
    const scope = { platform: filter.platform, module: filter.module };
    const [page, ...counts] = await Promise.all([
      api('GET', `/outbox${query({ state: filter.state, ...scope, limit: PAGE, offset: filter.offset })}`),
      ...['pending', 'in_flight', 'dead'].map((state) => api('GET', `/outbox${query({ state, ...scope, limit: 1 })}`)),
    ]);
    summary.textContent = `${counts[0].total} pending · ${counts[1].total} in flight · ${counts[2].total} dead letters`;
    fill(tbody, page.entries, row, 'Nothing here.');
    pagerFor(page.total);
  }

  const reload = () => refresh().catch((error) => note.show(error.message, 'error'));

  function pagerFor(total) {
    const from = Math.min(filter.offset + 1, total);
    const to = Math.min(filter.offset + PAGE, total);
    const move = (delta, label, enabled) => {
      const b = h('button', { type: 'button', class: 'quiet', disabled: !enabled }, label);
      b.addEventListener('click', () => ((filter.offset += delta), reload()));
      return b;
    };
    pager.replaceChildren(
      `${from}–${to} of ${total} `,
      move(-PAGE, 'Previous', filter.offset > 0),
      ' ',
      move(PAGE, 'Next', to < total),
    );
  }

  function button(label, r, testid, work) {
    const b = h(
      'button',
      { type: 'button', class: 'quiet', testid, 'aria-label': `${label} ${r.method} ${r.object_key}` },
      label,
    );
    b.addEventListener('click', () =>
      act(b, note, async () => {
        const done = await work();
        if (!done) return;
        await refresh();
        note.show(done);
      }),
    );
    return b;
  }

  function row(r) {
    const retry =
      RETRYABLE.has(r.state) &&
      button('Retry', r, 'retry', () =>
        api('POST', `/outbox/${r.id}/retry`).then(
          () => `${r.method} ${r.object_key} is queued again: the next outbox cycle delivers it.`,
        ),
      );
    const remove =
      r.state !== 'in_flight' &&
      button('Delete', r, 'delete-row', async () => {
        if (
          !window.confirm(
            `Delete this ${r.module} ${r.method} for ${names.get(r.platform_id) ?? 'the receiver'}? It will never be delivered.`,
          )
        )
          return null;
        await api('DELETE', `/outbox/${r.id}`);
        return `${r.method} ${r.object_key} is deleted.`;
      });
    // A delivered row keeps the error of its earlier attempt: only the status that delivered it matters then.
    const error = r.state === 'delivered' ? null : r.last_error;
    const status = r.last_status && !error?.includes(`HTTP ${r.last_status}`) ? `HTTP ${r.last_status}` : null;
    const answer = [status, error].filter(Boolean).join(': ');
    return h(
      'tr',
      { testid: 'outbox-row', 'data-id': r.id, 'data-state': r.state },
      h('td', {}, when(r.created_at)),
      h('td', {}, names.get(r.platform_id) ?? r.platform_id),
      h(
        'td',
        {},
        h('span', { class: 'mono' }, `${r.module} ${r.method}`),
        h('br'),
        h('span', { class: 'mono small', testid: 'object-key' }, r.object_key),
      ),
      h('td', {}, badge(r.state)),
      h('td', { class: 'num' }, r.attempts),
      h('td', { class: 'small', testid: 'last-answer' }, answer || h('span', { class: 'muted' }, '—')),
      h(
        'td',
        {},
        r.state === 'pending'
          ? when(r.next_at)
          : r.delivered_at
            ? ['delivered ', when(r.delivered_at)]
            : h('span', { class: 'muted' }, '—'),
      ),
      h('td', { class: 'actions' }, retry, remove),
    );
  }

  const filters = h(
    'form',
    { class: 'row filters', testid: 'outbox-filters', 'aria-label': 'Filter the outbox' },
    field('outbox-state', 'State', select('state', STATES, filter.state)),
    field('outbox-platform', 'Receiver', receivers),
    field(
      'outbox-module',
      'Module',
      select('module', [['', 'All modules'], ...MODULES.map((m) => [m, m])], filter.module),
    ),
  );
  filters.addEventListener('change', (event) => {
    filter[event.target.name] = event.target.value;
    filter.offset = 0;
    note.clear();
    reload();
  });
  filters.addEventListener('submit', (event) => event.preventDefault());

  root.append(
    h('h1', {}, 'Outbox'),
    h(
      'section',
      { class: 'card', 'aria-label': 'Outbox' },
      summary,
      filters,
      note,
      h('div', { class: 'scroll' }, list),
      pager,
    ),
  );
  return refresh;
}
