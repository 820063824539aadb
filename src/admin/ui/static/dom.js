// A tiny DOM builder (no innerHTML anywhere: every value is a text node) and the pieces the views share.

/** h('button', {class, testid, onclick, ...attributes}, ...children) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'testid') el.dataset.testid = v;
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity))
    if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** A status as text on a coloured badge (the colour is never the only cue). */
export const badge = (status, testid = 'status') =>
  h('span', { class: `badge badge-${String(status).toLowerCase()}`, testid }, String(status).replace('_', ' '));

/** A local date and time, the ISO instant in the tooltip; a dash for none. */
export function when(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  const text = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return h('time', { datetime: d.toISOString(), title: d.toISOString() }, text);
}

/** A message line for a form or a view: role=alert for errors, role=status otherwise. */
export function notice(testid) {
  const el = h('p', { class: 'notice', testid, hidden: true });
  return Object.assign(el, {
    show(text, kind = 'ok') {
      el.textContent = text;
      el.className = `notice ${kind}`;
      el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
      el.hidden = false;
    },
    clear() {
      el.hidden = true;
      el.textContent = '';
    },
  });
}

/** A labelled form field; `input` is built by the caller or defaults to a text input. */
export function field(id, label, input = h('input', { id, name: id, type: 'text' }), hint) {
  input.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    hint ? h('small', { class: 'hint' }, hint) : null,
  );
}

/** A read-only value with a Copy button: the clipboard where the page may use it, else select-and-copy. */
export function copyable(id, label, value, testid) {
  const input = h('input', { id, type: 'text', readonly: true, value, testid, class: 'mono', spellcheck: 'false' });
  const button = h(
    'button',
    { type: 'button', class: 'quiet', testid: `copy-${testid}`, 'aria-label': `Copy ${label}` },
    'Copy',
  );
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      input.select();
      document.execCommand('copy'); // http on a remote host is no secure context: no navigator.clipboard there
    }
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = 'Copy'), 2000);
  });
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('div', { class: 'copy' }, input, button));
}

/** A table with a caption and header cells; returns the table, its body to fill is `table.tBodies[0]`. */
export function table(caption, headers, testid) {
  return h(
    'table',
    { testid },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h('tbody'),
  );
}

/** Replaces the body's rows, only when the data changed: a refresh must not steal focus or selection. */
export function fill(tbody, data, row, empty) {
  const key = JSON.stringify(data);
  if (tbody.dataset.key === key) return;
  tbody.dataset.key = key;
  const cols = tbody.parentElement.tHead.rows[0].cells.length;
  tbody.replaceChildren(
    ...(data.length ? data.map(row) : [h('tr', {}, h('td', { colspan: cols, class: 'muted empty' }, empty))]),
  );
}

/** Runs an action from a button: disabled while it runs, its outcome shown in `note`. */
export async function act(button, note, work, done) {
  button.disabled = true;
  note.clear();
  try {
    await work();
    if (done) note.show(done);
  } catch (error) {
    note.show(error.message, 'error');
  } finally {
    button.disabled = false;
  }
}
