// The operator dashboard at /admin/ui: static HTML, CSS and ES modules, loaded without the token (its API calls carry
// it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

// Beside this file under tsx and ts-jest; `npm run build` (tsc) copies no static files, so dist/admin/ui reads them
// from src/.
const folder =
  [path.join(__dirname, 'static'), path.resolve(__dirname, '../../../src/admin/ui/static')].find((dir) =>
    existsSync(dir),
  ) ?? path.join(__dirname, 'static');

export const adminUiRouter = Router();

// `/admin/ui` redirects to `/admin/ui/` so that the page's relative URLs resolve under it.
adminUiRouter.use(express.static(folder, { index: 'index.html', redirect: true, dotfiles: 'deny' }));
// Anything else under /admin/ui is not the API: answer here rather than fall through to the token check.
adminUiRouter.use((req, res) => {
  res.status(404).json({ error: `no dashboard file ${req.method} ${req.path}` });
});
