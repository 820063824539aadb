// Platforms view: each party's roles with live status, registration, outbox depth; create, suspend, delete.
import { api } from './api.js';
import { act, badge, fill, h, notice, table, when } from './dom.js';
import { sparkline } from './charts.js';
import { handOver, platformForm } from './platform-form.js';

export const title = 'Platforms';

/** GET /admin/platforms, then each live platform's own GET for its outbox depth. */
async function load() {
  const [list, traffic] = await Promise.all([
    api('GET', '/platforms'),
    api('GET', '/traffic').catch(() => ({ platforms: {} })),
  ]);
  const withOutbox = await Promise.all(
    list.map(async (p) => (p.deleted_at ? p : api('GET', `/platforms/${p.id}`).catch(() => p))),
  );
  return withOutbox.map((p) => ({ ...p, traffic: traffic.platforms[p.id] ?? new Array(traffic.slots ?? 48).fill(0) }));
}

/** The last check's verdict (and whether the partner is held for it); a dash before any check. */
const verdict = (p) =>
  p.onboarding?.verdict || p.onboarding?.state
    ? h(
        'span',
        { class: 'nowrap' },
        p.onboarding.verdict ? badge(p.onboarding.verdict, 'check-verdict') : null,
        ' ',
        p.onboarding.state === 'held' ? badge('held', 'onboarding-state') : null,
      )
    : h('span', { class: 'muted' }, '—');

function depth(p) {
  const o = p.outbox;
  if (!o) return h('span', { class: 'muted' }, '—');
  const dead = o.dead
    ? h('a', { href: `#outbox?state=dead&platform=${p.id}`, class: 'dead' }, `${o.dead} dead`)
    : '0 dead';
  return h(
    'span',
    { testid: 'outbox-depth', class: 'nowrap' },
    `${o.pending} pending · ${o.in_flight} in flight · `,
    dead,
  );
}

/** What the version boundary dropped for this platform (OCPI 2.1.1 partners), and the records it holds. */
function bridged(p) {
  const lost = Object.entries(p.conversion_dropped ?? {}).filter(([, n]) => n > 0);
  const held = p.held?.count ?? 0;
  if (lost.length === 0 && held === 0) return null;
  const parts = [
    lost.length ? `dropped in conversion: ${lost.map(([m, n]) => `${m} ${n}`).join(', ')}` : null,
    held ? `${held} held` : null,
  ];
  return h('div', { testid: 'conversion', class: 'muted' }, parts.filter(Boolean).join(' · '));
}

function roles(p) {
  return h(
    'ul',
    { class: 'plain' },
    p.roles.map((r) =>
      h(
        'li',
        { testid: 'role', 'data-party': `${r.country_code}*${r.party_id}` },
        h('span', { class: 'role' }, `${r.role} ${r.country_code}*${r.party_id}`),
        ' ',
        badge(r.status, 'role-status'),
      ),
    ),
    p.pending_roles
      ? h(
          'li',
          { class: 'muted' },
          `pending: ${p.pending_roles.map((r) => `${r.role} ${r.country_code}*${r.party_id}`).join(', ')}`,
        )
      : null,
  );
}

export function mount(root) {
  const note = notice('platforms-note');
  const handover = h('div', { 'aria-live': 'polite' });
  const list = table(
    'Every platform the hub knows, with the status of each of its roles',
    ['Name', 'Roles', 'Registration', 'Traffic 24 h', 'Check', 'Outbox', 'Last seen', 'Actions'],
    'platforms',
  );
  const tbody = list.tBodies[0];

  async function refresh() {
    fill(tbody, await load(), row, 'No platforms yet: create one above.');
  }

  function button(label, p, testid, work, done) {
    const b = h('button', { type: 'button', class: 'quiet', testid, 'aria-label': `${label} ${p.name}` }, label);
    b.addEventListener('click', () =>
      act(b, note, async () => {
        if (!(await work())) return;
        await refresh();
        if (done) note.show(done);
      }),
    );
    return b;
  }

  function row(p) {
    const actions = p.deleted_at
      ? [h('span', { class: 'muted' }, 'deleted')]
      : [
          p.registered
            ? null
            : button('New Token A', p, 'token-a-button', async () => {
                const { token_a } = await api('POST', `/platforms/${p.id}/token-a`);
                handover.replaceChildren(handOver(p.name, token_a));
              }),
          p.suspended
            ? button(
                'Unsuspend',
                p,
                'unsuspend',
                () => api('POST', `/platforms/${p.id}/unsuspend`).then(() => true),
                `${p.name}: traffic flows again.`,
              )
            : button(
                'Suspend',
                p,
                'suspend',
                () => api('POST', `/platforms/${p.id}/suspend`).then(() => true),
                `${p.name} is suspended: its calls are refused.`,
              ),
          button(
            'Delete',
            p,
            'delete',
            async () => {
              if (
                !window.confirm(`Delete ${p.name}? The hub ends its credentials at the party and refuses it for good.`)
              )
                return false;
              await api('DELETE', `/platforms/${p.id}`);
              return true;
            },
            `${p.name} is deleted.`,
          ),
        ];
    return h(
      'tr',
      { testid: 'platform-row', 'data-id': p.id, 'data-name': p.name, class: p.deleted_at ? 'gone' : null },
      h(
        'th',
        { scope: 'row' },
        h('a', { href: `#partner?id=${p.id}`, testid: 'partner-link' }, p.name),
        p.suspended && !p.deleted_at ? [' ', badge('SUSPENDED', 'suspended')] : null,
      ),
      h('td', {}, roles(p)),
      h(
        'td',
        {},
        p.registered ? `OCPI ${p.version ?? '?'}` : h('span', { class: 'muted' }, 'not registered'),
        bridged(p),
      ),
      h('td', {}, sparkline(p.traffic, `${p.traffic.reduce((a, b) => a + b, 0)} requests in and out over 24 hours`)),
      h('td', {}, verdict(p)),
      h('td', {}, depth(p)),
      h('td', {}, when(p.last_seen_at)),
      h('td', { class: 'actions' }, actions),
    );
  }

  root.append(
    h('h1', {}, 'Platforms'),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'platforms-title' },
      h('h2', { id: 'platforms-title' }, 'Connected and declared platforms'),
      note,
      handover,
      h('div', { class: 'scroll' }, list),
    ),
    platformForm(() => refresh()),
  );
  return refresh;
}
