// Declaring a platform: its name and roles; the answer's Token A and versions URL shown once, ready to copy.
import { api } from './api.js';
import { copyable, field, h, notice } from './dom.js';

const ROLES = ['CPO', 'EMSP', 'NSP', 'OTHER'];
let rows = 0;

function roleRow() {
  const n = ++rows;
  const row = h(
    'div',
    { class: 'role-row', testid: 'role-row' },
    field(
      `role-${n}`,
      'Role',
      h(
        'select',
        { name: 'role', testid: 'new-role' },
        ROLES.map((r) => h('option', { value: r }, r)),
      ),
    ),
    field(
      `cc-${n}`,
      'Country code',
      h('input', {
        name: 'country_code',
        required: true,
        maxlength: 2,
        pattern: '[A-Za-z]{2}',
        placeholder: 'NL',
        class: 'short',
        testid: 'new-country-code',
      }),
    ),
    field(
      `pid-${n}`,
      'Party ID',
      h('input', {
        name: 'party_id',
        required: true,
        maxlength: 3,
        pattern: '[A-Za-z0-9]{3}',
        placeholder: 'CPA',
        class: 'short',
        testid: 'new-party-id',
      }),
    ),
  );
  const remove = h('button', { type: 'button', class: 'quiet', 'aria-label': `Remove role ${n}` }, 'Remove');
  remove.addEventListener('click', () => row.parentElement.children.length > 1 && row.remove());
  row.append(remove);
  return row;
}

/** Token A and the versions URL for the party: what it needs to register itself (credentials POST). */
export function handOver(name, tokenA, versionsUrl) {
  const dismiss = h('button', { type: 'button', class: 'quiet', testid: 'dismiss-handover' }, 'Done');
  const panel = h(
    'div',
    { class: 'handover', testid: 'handover', role: 'region', 'aria-label': `Registration details for ${name}` },
    h('div', { class: 'handover-head' }, h('h3', {}, `Hand these to ${name}`), dismiss),
    h(
      'p',
      {},
      'The party registers itself with them (OCPI credentials POST). Token A is shown only now and dies at registration; issue a new one from the list if it is lost.',
    ),
    copyable('handover-token-a', 'Token A', tokenA, 'token-a'),
    versionsUrl ? copyable('handover-versions-url', 'Hub versions URL', versionsUrl, 'versions-url') : null,
  );
  dismiss.addEventListener('click', () => panel.remove());
  return panel;
}

/** The create form; `created(platform)` runs after a 201 (the list refreshes). */
export function platformForm(created) {
  const roles = h('fieldset', { class: 'roles' }, h('legend', {}, 'Roles'), roleRow());
  const note = notice('create-error');
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', testid: 'create-platform' }, 'Create platform');
  const addRole = h('button', { type: 'button', class: 'quiet', testid: 'add-role' }, 'Add another role');
  addRole.addEventListener('click', () => roles.append(roleRow()));
  const form = h(
    'form',
    { class: 'card', testid: 'platform-form', 'aria-labelledby': 'new-platform-title' },
    h('h2', { id: 'new-platform-title' }, 'New platform'),
    field(
      'new-name',
      'Name',
      h('input', { name: 'name', required: true, maxlength: 100, placeholder: 'CPO A backend', testid: 'new-name' }),
    ),
    roles,
    h('div', { class: 'actions' }, addRole, submit),
    note,
    result,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    note.clear();
    submit.disabled = true;
    const body = {
      name: form.elements.name.value,
      roles: [...roles.querySelectorAll('.role-row')].map((r) => ({
        role: r.querySelector('[name=role]').value,
        country_code: r.querySelector('[name=country_code]').value.toUpperCase(),
        party_id: r.querySelector('[name=party_id]').value.toUpperCase(),
      })),
    };
    try {
      const platform = await api('POST', '/platforms', body);
      form.reset(); // before the hand-over is shown: a reset would empty its fields too
      roles.replaceChildren(roles.firstElementChild, roleRow());
      result.replaceChildren(handOver(platform.name, platform.token_a, platform.versions_url));
      await created(platform);
    } catch (error) {
      note.show(error.message, 'error');
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
