// The partner page (#partner?id=…): one platform at a glance: endpoints and versions, keys, the onboarding check,
// traffic charts of the last 24 hours, its outbox, and the hub-initiated registration when it is not registered.
import { api, query } from './api.js';
import { act, badge, field, fill, h, notice, table, when } from './dom.js';
import { checkCard } from './partner-check.js';
import { trafficCard } from './partner-traffic.js';

export const title = 'Partner';

const facts = (pairs) =>
  h(
    'dl',
    { class: 'facts' },
    pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? h('span', { class: 'muted' }, '—'))]),
  );
const jwk = (k) => (k ? `${k.kty ?? '?'} ${k.crv ?? ''} ${k.alg ?? ''} kid ${k.kid ?? '?'}` : null);

function endpointsCard(p) {
  const list = table('The endpoints its version details list', ['Module', 'Interface', 'URL'], 'endpoints');
  fill(
    list.tBodies[0],
    p.endpoints,
    (e) => h('tr', {}, h('td', {}, e.identifier), h('td', {}, e.role), h('td', { class: 'mono small' }, e.url)),
    'None: not registered yet.',
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'endpoints-title' },
    h('h2', { id: 'endpoints-title' }, 'Endpoints and versions'),
    facts([
      ['Versions URL', p.versions_url && h('span', { class: 'mono small' }, p.versions_url)],
      ['OCPI version', p.version],
      ['Token encoding (hub → it)', p.token_encoding],
      ['Token encoding (it → hub)', p.token_sent_as],
      ['Last seen', when(p.last_seen_at)],
      ['Created', when(p.created_at)],
    ]),
    h('div', { class: 'scroll' }, list),
  );
}

function keysCard(p) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'keys-title' },
    h('h2', { id: 'keys-title' }, 'Keys'),
    facts([
      ['Signing (it signs its requests)', jwk(p.keys.signing)],
      ['Encryption (the hub encrypts to it)', jwk(p.keys.encryption)],
    ]),
  );
}

function outboxCard(p, rows) {
  const o = p.outbox ?? { pending: 0, in_flight: 0, dead: 0 };
  const list = table('Its latest outbox rows', ['Created', 'Call', 'State', 'Attempts'], 'partner-outbox');
  fill(
    list.tBodies[0],
    rows,
    (r) =>
      h(
        'tr',
        {},
        h('td', {}, when(r.created_at)),
        h('td', { class: 'mono small' }, `${r.module} ${r.method} ${r.object_key}`),
        h('td', {}, badge(r.state)),
        h('td', { class: 'num' }, r.attempts),
      ),
    'Nothing queued for it.',
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'outbox-title' },
    h('h2', { id: 'outbox-title' }, 'Outbox'),
    h(
      'p',
      { class: 'summary', testid: 'partner-outbox-summary' },
      `${o.pending} pending · ${o.in_flight} in flight · ${o.dead} dead · `,
      h('a', { href: `#outbox?state=dead&platform=${p.id}` }, 'open in the outbox view'),
    ),
    h('div', { class: 'scroll' }, list),
  );
}

/** Hub-initiated handshake: the party's versions URL and the token it issued for the hub. */
function registerCard(p, changed) {
  const note = notice('register-note');
  const url = h('input', {
    type: 'url',
    required: true,
    testid: 'register-versions-url',
    placeholder: 'its versions URL, https',
  });
  const token = h('input', { type: 'password', required: true, testid: 'register-token', autocomplete: 'off' });
  const submit = h('button', { type: 'submit', testid: 'register-submit' }, 'Register with this partner');
  const form = h(
    'form',
    { testid: 'register-form' },
    field('register-url', 'Its versions URL', url),
    field('register-token', 'The token it issued for the hub', token),
    note,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(
      submit,
      note,
      async () => {
        await api('POST', `/platforms/${p.id}/register`, { versions_url: url.value.trim(), token: token.value.trim() });
        await changed();
      },
      'Registered.',
    );
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'register-title' },
    h('h2', { id: 'register-title' }, 'Register with this partner'),
    h(
      'p',
      { class: 'hint' },
      'The hub reads its versions, POSTs its credentials and keeps the token it answers (OCPI credentials, hub-initiated).',
    ),
    form,
  );
}

export function mount(root, params) {
  const id = params.get('id') ?? '';
  let shown = '';
  async function refresh() {
    const p = await api('GET', `/platforms/${id}`);
    const [report, traffic, rows] = await Promise.all([
      p.onboarding?.checked_at ? api('GET', `/platforms/${id}/check`) : null, // none before the first check
      api('GET', `/platforms/${id}/traffic`),
      api('GET', `/outbox${query({ platform: id, limit: 10 })}`),
    ]);
    const key = JSON.stringify([p, report, traffic, rows.entries]);
    if (key === shown) return; // unchanged: keep open details and focus as they are
    shown = key;
    const open = new Set([...root.querySelectorAll('details[open]')].map((d) => d.closest('[data-id]')?.dataset.id)); // kept open across refreshes
    root.replaceChildren(
      ...[
        h('p', {}, h('a', { href: '#platforms' }, '← Platforms')),
        h(
          'h1',
          { testid: 'partner-name' },
          p.name,
          ' ',
          p.roles.map((r) => [badge(r.status, 'role-status'), ' ']),
          p.suspended ? badge('SUSPENDED') : null,
        ),
        h('p', { class: 'muted' }, p.roles.map((r) => `${r.role} ${r.country_code}*${r.party_id}`).join(' · ')),
        p.registered || p.deleted_at ? null : registerCard(p, refresh),
        checkCard(p, report, refresh),
        trafficCard(traffic.minutes),
        endpointsCard(p),
        keysCard(p),
        outboxCard(p, rows.entries),
      ].filter(Boolean),
    );
    for (const el of root.querySelectorAll('[data-id]'))
      if (open.has(el.dataset.id)) (el.matches('details') ? el : el.querySelector('details')).open = true;
  }
  root.append(h('p', { class: 'muted' }, 'Loading…'));
  return refresh;
}
