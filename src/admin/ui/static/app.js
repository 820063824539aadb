// The dashboard's shell: sign-in with the admin token, the hash router between views, their periodic refresh.
import { api, session } from './api.js';
import * as platforms from './platforms.js';
import * as agreements from './agreements.js';
import * as outbox from './outbox.js';
import * as audit from './audit.js';
import * as partner from './partner.js';

const views = { platforms, agreements, outbox, audit, partner };
const REFRESH_MS = 3000;

const $ = (id) => document.getElementById(id);
let current = null; // { refresh, busy }

function showLogin(message) {
  current = null;
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  $('view').replaceChildren();
  $('trouble').hidden = true;
  $('login').hidden = false;
  const error = $('login-error');
  error.hidden = !message;
  error.textContent = message ?? '';
  $('login-token').focus();
}

async function signIn(event) {
  event.preventDefault();
  const token = $('login-token').value.trim();
  const button = $('login-submit');
  button.disabled = true;
  try {
    await api('GET', '/platforms', undefined, token); // any call tells whether the token is right
    session.keep(token);
    $('login-token').value = '';
    $('login').hidden = true;
    $('nav').hidden = false;
    $('sign-out').hidden = false;
    route();
  } catch (error) {
    showLogin(error.message);
  } finally {
    button.disabled = false;
  }
}

/** #outbox?state=dead&platform=… opens a view with its filters set. */
function route() {
  if (!session.token()) return showLogin();
  const [name, search] = location.hash.slice(1).split('?');
  const view = views[name] ? name : 'platforms';
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === `#${view}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const root = $('view');
  root.replaceChildren();
  const refresh = views[view].mount(root, new URLSearchParams(search ?? ''));
  document.title = `${views[view].title} · OCPI hub`;
  current = { refresh, busy: false };
  tick(current);
}

/** Refreshes the view on screen (never two at once, never in a hidden tab); a failure shows in the banner. */
async function tick(view = current) {
  if (!view || view.busy || document.hidden) return;
  view.busy = true;
  try {
    await view.refresh();
    if (view === current) $('trouble').hidden = true;
  } catch (error) {
    if (view === current && error.status !== 401) {
      $('trouble').textContent = `Could not refresh: ${error.message}`;
      $('trouble').hidden = false;
    }
  } finally {
    view.busy = false;
  }
}

document.addEventListener('hub:unauthorized', (event) => {
  session.forget();
  showLogin(`Signed out: ${event.detail}`);
});
$('login-form').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', () => {
  session.forget();
  location.hash = '';
  showLogin();
});
window.addEventListener('hashchange', () => session.token() && route());
document.addEventListener('visibilitychange', () => tick());
setInterval(() => tick(), REFRESH_MS);

if (session.token()) {
  $('nav').hidden = false;
  $('sign-out').hidden = false;
  route();
} else showLogin();
