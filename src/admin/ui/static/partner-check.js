// The partner page's onboarding check: run it, accept a held partner, read the report with each check's evidence.
import { api } from './api.js';
import { act, badge, h, notice, when } from './dom.js';

const exchange = (ex) => {
  const lines = [
    `${ex.request.method} ${ex.request.url}`,
    ...Object.entries(ex.request.headers).map(([k, v]) => `${k}: ${v}`),
    '',
  ];
  if (ex.response)
    lines.push(
      `HTTP ${ex.response.status} (${ex.ms} ms)`,
      ...Object.entries(ex.response.headers).map(([k, v]) => `${k}: ${v}`),
      '',
      ex.response.body,
    );
  else lines.push(`no answer (${ex.ms} ms): ${ex.error ?? ''}`);
  return h('pre', { class: 'evidence', testid: 'evidence' }, lines.join('\n'));
};

function checkItem(c) {
  return h(
    'li',
    { testid: 'check', 'data-id': c.id, 'data-verdict': c.verdict },
    h(
      'details',
      {},
      h(
        'summary',
        {},
        badge(c.verdict, 'check-verdict'),
        ' ',
        h('span', { class: 'mono small' }, c.id),
        ' — ',
        c.title,
        c.detail ? h('span', { class: 'muted' }, ` · ${c.detail}`) : null,
      ),
      h('p', { class: 'rule' }, `Rule: ${c.rule}`),
      c.evidence.length
        ? c.evidence.map(exchange)
        : h('p', { class: 'muted small' }, 'No call of its own: judged from the calls above.'),
    ),
  );
}

export function reportView(report) {
  if (!report) return h('p', { class: 'muted', testid: 'no-report' }, 'No check has run yet.');
  // what needs work first; the passed checks folded under one line
  const failing = report.checks.filter((c) => c.verdict !== 'pass');
  const passed = report.checks.filter((c) => c.verdict === 'pass');
  return h(
    'div',
    { testid: 'check-report' },
    h(
      'p',
      { class: 'summary' },
      badge(report.verdict, 'report-verdict'),
      ` ${report.counts.pass} passed · ${report.counts.warn} warnings · ${report.counts.fail} failed · as ${report.role}, OCPI ${report.version ?? '?'}, token ${report.token_encoding ?? '?'} · `,
      when(report.started_at),
      ` · ${report.duration_ms} ms`,
    ),
    failing.length ? h('ul', { class: 'checks-list' }, failing.map(checkItem)) : null,
    passed.length
      ? h(
          'details',
          { testid: 'passed-checks', 'data-id': 'passed', class: 'passed' },
          h('summary', {}, `${passed.length} passed checks`),
          h('ul', { class: 'checks-list' }, passed.map(checkItem)),
        )
      : null,
  );
}

/** The card: buttons and the report; `changed()` reloads the page's data after an action. */
export function checkCard(platform, report, changed) {
  const note = notice('check-note');
  const run = h('button', { type: 'button', testid: 'run-check', disabled: !platform.registered }, 'Run check');
  run.addEventListener('click', () =>
    act(run, note, async () => {
      const r = await api('POST', `/platforms/${platform.id}/check`, {});
      await changed();
      note.show(`Check finished: ${r.verdict.toUpperCase()}.`);
    }),
  );
  const held = platform.onboarding?.state === 'held';
  const accept = held
    ? h('button', { type: 'button', class: 'quiet', testid: 'accept' }, 'Accept without a passing check')
    : null;
  accept?.addEventListener('click', () =>
    act(
      accept,
      note,
      async () => {
        if (!window.confirm(`Let ${platform.name} into routing although no check passed?`)) return;
        await api('POST', `/platforms/${platform.id}/accept`);
        await changed();
      },
      `${platform.name} is accepted: its roles are CONNECTED.`,
    ),
  );
  const state = platform.onboarding?.state ? [' ', badge(platform.onboarding.state, 'onboarding-state')] : null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'check-title' },
    h('h2', { id: 'check-title' }, 'Onboarding check', state),
    held
      ? h(
          'p',
          { class: 'hint' },
          'Held out of routing (roles PLANNED) until a check passes or you accept it (HUB_ONBOARDING_CHECK=required).',
        )
      : null,
    h('div', { class: 'actions' }, run, accept),
    note,
    reportView(report),
  );
}
