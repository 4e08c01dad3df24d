import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/dao/managers/manager.types.js';
import type { ProductListResult } from '../../src/services/products.service.js';
import { productBody, startTestApp, type TestApp } from '../helpers/app.js';
import { storeKinds } from '../helpers/stores.js';

/** The list response: the envelope plus the pagination keys the service computes. */
type ListBody = { status: string; payload: Product[] } & Omit<ProductListResult, 'docs'>;

describe.each(storeKinds())('GET /api/products on the %s store', (kind) => {
  let app: TestApp;
  const created: Product[] = [];

  const list = async (query: string, expected = 200): Promise<ListBody> =>
    (await app.request.get(`/api/products${query}`).expect(expected)).body as ListBody;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const rows: [string, number, number, boolean, string][] = [
      ['Ropa', 30, 5, true, 'Remera azul'],
      ['ropa', 10, 0, true, 'Pantalón gris'],
      ['Ropa', 20, 3, false, 'Campera roja'],
      ['Hogar', 10, 2, true, 'Taza grande'],
      ['Hogar', 5.5, 9, true, 'Plato hondo (a+)+$'],
      ['Libros', 99.99, 1, true, 'Novela .* policial'],
      ['Libros', 0, 4, true, 'Folleto gratis'],
    ];
    for (const [category, price, stock, status, title] of rows) {
      const response = await app.request
        .post('/api/products')
        .send(productBody({ category, price, stock, status, title }))
        .expect(201);
      created.push(response.body.payload);
    }
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  it('returns the first page of ten in insertion order by default', async () => {
    const body = await list('');

    expect(body).toEqual({
      status: 'success',
      payload: created,
      totalDocs: 7,
      limit: 10,
      totalPages: 1,
      page: 1,
      prevPage: null,
      nextPage: null,
      hasPrevPage: false,
      hasNextPage: false,
      prevLink: null,
      nextLink: null,
    });
    expect(Object.keys(body)).toEqual([
      'status',
      'payload',
      'totalDocs',
      'limit',
      'totalPages',
      'page',
      'prevPage',
      'nextPage',
      'hasPrevPage',
      'hasNextPage',
      'prevLink',
      'nextLink',
    ]);
  });

  it('pages with links that keep every filter and sort', async () => {
    const ropa = await list('?limit=1&page=2&sort=asc&category=ROPA');
    expect(ropa.totalDocs).toBe(3);
    expect(ropa.payload.map((p) => p.title)).toEqual(['Campera roja']);
    expect(ropa.prevLink).toBe('/api/products?limit=1&page=1&sort=asc&category=ROPA');
    expect(ropa.nextLink).toBe('/api/products?limit=1&page=3&sort=asc&category=ROPA');
    expect(ropa).toMatchObject({ page: 2, prevPage: 1, nextPage: 3, hasPrevPage: true, hasNextPage: true });
  });

  it('serves the last page with no next link', async () => {
    const body = await list('?limit=3&page=3');

    expect(body.payload).toEqual([created[6]]);
    expect(body).toMatchObject({ totalPages: 3, nextPage: null, hasNextPage: false, nextLink: null });
    expect(body.prevLink).toBe('/api/products?limit=3&page=2');
  });

  it('sorts by price with ties broken by _id', async () => {
    const ascending = await list('?sort=asc');
    const descending = await list('?sort=desc');

    const byPrice = (direction: number) => (a: Product, b: Product) =>
      direction * (a.price - b.price) || (a._id < b._id ? -1 : 1);
    expect(ascending.payload).toEqual([...created].sort(byPrice(1)));
    expect(descending.payload).toEqual([...created].sort(byPrice(-1)));
    const tens = descending.payload.filter((p) => p.price === 10).map((p) => p._id);
    expect(tens).toEqual([created[1]?._id, created[3]?._id]);
  });

  it('filters by availability and status', async () => {
    const available = await list('?available=true');
    const unavailable = await list('?available=false');
    const withdrawn = await list('?status=false');

    expect(available.payload.map((p) => p.title)).toEqual([
      'Remera azul',
      'Taza grande',
      'Plato hondo (a+)+$',
      'Novela .* policial',
      'Folleto gratis',
    ]);
    expect(unavailable.payload.map((p) => p.title)).toEqual(['Pantalón gris', 'Campera roja']);
    expect(withdrawn.payload.map((p) => p.title)).toEqual(['Campera roja']);
  });

  it('searches title, description and code literally and case-insensitively', async () => {
    expect((await list('?q=TAZA')).payload.map((p) => p.title)).toEqual(['Taza grande']);
    expect((await list(`?q=${encodeURIComponent('.*')}`)).payload.map((p) => p.title)).toEqual([
      'Novela .* policial',
    ]);
    expect((await list(`?q=${encodeURIComponent('(a+)+$')}`)).payload.map((p) => p.title)).toEqual([
      'Plato hondo (a+)+$',
    ]);
    expect((await list(`?q=${created[0]?.code}`)).totalDocs).toBe(1);
    expect((await list('?q=descripción')).totalDocs).toBe(7);
  });

  it('understands the query shorthand', async () => {
    expect((await list('?query=hogar')).totalDocs).toBe(2);
    expect((await list('?query=category:Libros')).totalDocs).toBe(2);
    expect((await list('?query=available:false')).totalDocs).toBe(2);
    expect((await list('?query=status:false')).totalDocs).toBe(1);
    const body = await list('?query=available:true&limit=1');
    expect(body.nextLink).toBe('/api/products?limit=1&page=2&query=available%3Atrue');
  });

  it('returns an empty result as page 1 of 1', async () => {
    const body = await list('?category=inexistente');

    expect(body).toMatchObject({ payload: [], totalDocs: 0, totalPages: 1, page: 1, nextLink: null });
  });

  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page=-1', 'page'],
    ['page=1.5', 'page'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=5&limit=6', 'limit'],
    ['category[$ne]=x', 'category[$ne]'],
    ['category[]=x', 'category[]'],
    ['sort=sideways', 'sort'],
    ['status=yes', 'status'],
    ['available=1', 'available'],
    ['query=price:3', 'query'],
  ])('rejects %s with 400 INVALID_QUERY', async (query, path) => {
    const body = (await app.request.get(`/api/products?${query}`).expect(400)).body;

    expect(body.status).toBe('error');
    expect(body.error.code).toBe('INVALID_QUERY');
    expect(body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it('answers a page past the last with 404 PAGE_OUT_OF_RANGE', async () => {
    const body = (await app.request.get('/api/products?page=99999').expect(404)).body;

    expect(body.error.code).toBe('PAGE_OUT_OF_RANGE');
    expect(body.error.message).toContain('99999');
  });
});
