import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import { buildOpenApiDocument } from '../docs/openapi.js';

const swaggerUiFolder = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Swagger UI sets inline styles on its elements, so this page alone allows them. */
const DOCS_CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'";

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Tienda API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;

const INIT_SCRIPT = "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });\n";

/** Serves the OpenAPI document and a local Swagger UI (no CDN, so it works offline). */
export function docsRouter(): Router {
  const document = JSON.stringify(buildOpenApiDocument());

  return Router()
    .get('/openapi.json', (_req, res) => {
      res.type('application/json').send(document);
    })
    .get('/docs', (_req, res) => {
      res.set('Content-Security-Policy', DOCS_CSP).type('html').send(DOCS_PAGE);
    })
    .get('/docs/init.js', (_req, res) => {
      res.type('application/javascript').send(INIT_SCRIPT);
    })
    .use('/docs/assets', express.static(swaggerUiFolder, { index: false, maxAge: '1d' }));
}
