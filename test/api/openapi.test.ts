import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

describe('API documentation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('fs');
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  it('serves an OpenAPI 3.1 document of every route', async () => {
    const response = await app.request.get('/api/openapi.json').expect(200);

    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths).sort()).toEqual([
      '/api/carts',
      '/api/carts/{cid}',
      '/api/carts/{cid}/product/{pid}',
      '/api/carts/{cid}/products/{pid}',
      '/api/messages',
      '/api/products',
      '/api/products/{pid}',
      '/healthz',
    ]);
  });

  it('documents request bodies from the validation schemas', async () => {
    const document = (await app.request.get('/api/openapi.json').expect(200)).body;
    const create = document.paths['/api/products'].post.requestBody.content['application/json'].schema;

    expect(create.required).toEqual(['title', 'description', 'code', 'price', 'stock', 'category']);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.price).toMatchObject({ type: 'number', minimum: 0 });
    expect(create.properties.stock.type).toBe('integer');
    expect(create.properties.thumbnails).toMatchObject({ type: 'array', maxItems: 10 });
  });

  it('serves Swagger UI from this server, without a CDN', async () => {
    const page = await app.request.get('/api/docs').expect(200);

    expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const bundle = await app.request.get('/api/docs/assets/swagger-ui-bundle.js').expect(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    await app.request.get('/api/docs/init.js').expect(200);
  });
});
