// How the hub serves the dashboard's files, without a browser: no token needed, external files only, nothing from
// outside.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
const STATIC = path.resolve(__dirname, '../../src/admin/ui/static');

beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

describe('the dashboard files', () => {
  test("when /admin/ui is opened without a token, then it redirects to /admin/ui/, which serves the page under helmet's CSP", async () => {
    const bare = await fetch(`${hub.url}/admin/ui`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/admin/ui/');
    const page = await fetch(`${hub.url}/admin/ui/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<script type="module" src="app.js"></script>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  test("when a module or the stylesheet is asked for, then it comes with its own type; an unknown file is 404, not the API's 401", async () => {
    for (const [file, type] of [
      ['app.js', /^text\/javascript/],
      ['style.css', /^text\/css/],
      ['favicon.svg', /^image\/svg\+xml/],
    ] as const) {
      const res = await fetch(`${hub.url}/admin/ui/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
    }
    const missing = await fetch(`${hub.url}/admin/ui/nothing.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no dashboard file GET /nothing.js' });
    expect((await fetch(`${hub.url}/admin/platforms`)).status).toBe(401);
  });

  test('when the files are read, then none loads anything from another origin, and none has inline script, style or handlers', () => {
    for (const file of readdirSync(STATIC)) {
      const text = readFileSync(path.join(STATIC, file), 'utf8').replace('http://www.w3.org/2000/svg', '');
      expect([file, text.match(/https?:\/\/[^\s'"`)]+/g)]).toEqual([file, null]);
      if (file.endsWith('.html')) {
        expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/);
      }
    }
  });
});
