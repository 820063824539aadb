// GET /openapi.json (the generated document, built on first request and kept) and Swagger UI at /docs, from
// swagger-ui-dist's files. helmet's CSP allows no inline script, so the page starts Swagger UI from /docs/init.js.
import path from 'node:path';
import { Router } from 'express';
import type { ModuleDef } from '../pipeline/types';
import { buildDocument } from './document';

const ASSETS_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>ocpi-hub API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// validatorUrl null: the default badge loads an image from validator.swagger.io, which the CSP refuses.
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout' });
});
`;

export function openapiRouter(modules: ModuleDef[]): Router {
  let document: object | undefined;
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    document ??= buildDocument(modules);
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('js').send(INIT);
  });
  router.get('/docs/:file', (req, res, next) => {
    if (!ASSETS.has(req.params.file)) return next();
    res.sendFile(path.join(ASSETS_DIR, req.params.file), { maxAge: '1d' });
  });
  return router;
}
