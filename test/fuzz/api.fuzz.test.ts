import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/errors/app.error.js';
import type { Product } from '../../src/dao/managers/manager.types.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { storeKinds } from '../helpers/stores.js';

/*
 * Property-based fuzzing of the HTTP API. Each run sends a random sequence of valid and invalid
 * requests and checks, after every step, that the API never returned a 5xx, always used the envelope,
 * used a known error code for every 4xx, and that what it stores matches a model built only from
 * the successful responses.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const STEPS = 40;
const KNOWN_CODES = new Set(Object.keys(ERROR_STATUS));
const LINE_METHODS = { addToCart: 'POST', setQuantity: 'PUT', removeLine: 'DELETE' } as const;

interface Model {
  products: Map<string, Product>;
  carts: Map<string, { product: string; quantity: number }[]>;
  messages: number;
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

const hostileKeys = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  '$gt',
  '$where',
  '$ne',
  'toString',
);
const hostileValues = fc.oneof(
  fc.constant({ $gt: '' }),
  fc.constant({ $where: 'sleep(1000)' }),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
  fc.constant('.*'),
  fc.constant('(a+)+$'),
);
const anyValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, 2 ** 53 + 1, 1.005, 0.1, '12.50', 'true', 'false', '', ' ', null),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 12 }),
  hostileValues,
);

const validProduct = fc.record({
  title: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
  description: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
  code: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0),
  price: fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100),
  stock: fc.integer({ min: 0, max: 30 }),
  category: fc.constantFrom('Ropa', 'ropa', 'Hogar', 'Libros'),
  status: fc.boolean(),
});

/** A product body that is valid, or valid with one field replaced or one hostile key added. */
const productBody = fc.oneof(
  validProduct,
  fc
    .tuple(validProduct, fc.constantFrom('title', 'price', 'stock', 'status', 'code', 'thumbnails'), anyValue)
    .map(([body, key, value]) => ({ ...body, [key]: value })),
  fc.tuple(validProduct, hostileKeys, anyValue).map(([body, key, value]) => {
    const copy: Record<string, unknown> = { ...body };
    Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  }),
  anyValue,
);

const patchBody = fc.oneof(
  validProduct.chain((body) =>
    fc
      .subarray(Object.keys(body), { minLength: 0 })
      .map((keys) => Object.fromEntries(keys.map((key) => [key, body[key as keyof typeof body]]))),
  ),
  productBody,
);

/** A reference to a resource: an index into the known ones, or an id of some other shape. */
const idRef = fc.oneof(
  { weight: 4, arbitrary: fc.nat(20).map((index) => ({ index })) },
  fc.stringMatching(/^[0-9a-f]{24}$/).map((raw) => ({ raw })),
  fc
    .oneof(
      fc.string(),
      fc.constantFrom('$gt', '..', '%00', '{}', '[object Object]', 'ABCDEFABCDEFABCDEFABCDEF'),
    )
    .map((raw) => ({ raw })),
);

const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('limit', 'page', 'sort', 'category', 'status', 'available', 'q', 'query', 'lang'),
        fc.string({ maxLength: 12 }),
      ),
      fc.oneof(
        fc.constantFrom(
          '1',
          '0',
          '-1',
          '100',
          '101',
          'asc',
          'DESC',
          'true',
          'false',
          'ropa',
          '.*',
          'category:ropa',
          '1e3',
        ),
        fc.string({ maxLength: 12 }),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

const quantityBody = fc.oneof(
  fc.record({ quantity: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ quantity: anyValue }),
  fc.constant(undefined),
  anyValue,
);

const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('createProduct' as const), body: productBody }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('updateProduct' as const), id: idRef, body: patchBody }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteProduct' as const), id: idRef }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('listProducts' as const), query: queryString }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('createCart' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('addToCart' as const),
      cart: idRef,
      product: idRef,
      body: quantityBody,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('setQuantity' as const),
      cart: idRef,
      product: idRef,
      body: quantityBody,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('removeLine' as const), cart: idRef, product: idRef }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('replaceCart' as const),
      cart: idRef,
      lines: fc.array(
        fc.record({ product: idRef, quantity: fc.oneof(fc.integer({ min: 1, max: 5 }), anyValue) }),
        { maxLength: 4 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clearCart' as const), cart: idRef }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('postMessage' as const),
      body: fc.oneof(
        fc.record({ user: fc.emailAddress(), message: fc.string({ minLength: 1, maxLength: 20 }) }),
        anyValue,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('listMessages' as const), query: queryString }) },
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function resolve(ref: { index?: number; raw?: string }, known: string[]): string {
  // A `.` or `..` segment would be resolved by the URL parser and hit another route.
  if (ref.raw !== undefined)
    return /^(\.|%2e){1,2}$/i.test(ref.raw) ? `x${ref.raw}` : encodeURIComponent(ref.raw);
  if (known.length === 0) return 'ffffffffffffffffffffffff';
  return known[(ref.index ?? 0) % known.length] as string;
}

describe.each(storeKinds())('fuzzed API on the %s store', (kind) => {
  let app: TestApp;
  let requests = 0;

  beforeAll(async () => {
    app = await startTestApp(kind);
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  async function send(method: string, path: string, body?: unknown): Promise<Reply> {
    requests += 1;
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const response = await fetch(`${app.url}${path}`, init);
    const text = await response.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Error(
        `${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
      );
    }
    expect(
      response.status,
      `${method} ${path} ${JSON.stringify(body)?.slice(0, 300)} → ${text.slice(0, 300)}`,
    ).toBeLessThan(500);
    if (response.status >= 400) {
      expect(parsed.status).toBe('error');
      const error = parsed.error as { code: string; message: string };
      expect(KNOWN_CODES.has(error.code), `unknown code ${error.code}`).toBe(true);
      expect(typeof error.message).toBe('string');
    } else {
      expect(parsed.status).toBe('success');
    }
    return { status: response.status, body: parsed };
  }

  async function expectCartMatchesModel(model: Model, cartId: string): Promise<void> {
    const reply = await send('GET', `/api/carts/${cartId}`);
    const lines = (reply.body.payload as { products: { product: Product; quantity: number }[] }).products;
    expect(lines.map((line) => ({ product: line.product._id, quantity: line.quantity }))).toEqual(
      model.carts.get(cartId),
    );
    for (const line of lines) expect(line.product).toEqual(model.products.get(line.product._id));
  }

  async function apply(model: Model, current: Step): Promise<void> {
    const productIds = [...model.products.keys()];
    const cartIds = [...model.carts.keys()];

    switch (current.kind) {
      case 'createProduct': {
        const reply = await send('POST', '/api/products', current.body);
        if (reply.status === 201) {
          const product = reply.body.payload as Product;
          expect([...model.products.values()].some((existing) => existing.code === product.code)).toBe(false);
          model.products.set(product._id, product);
        }
        break;
      }
      case 'updateProduct': {
        const id = resolve(current.id, productIds);
        const reply = await send('PUT', `/api/products/${id}`, current.body);
        if (reply.status === 200) model.products.set(id, reply.body.payload as Product);
        if (model.products.has(id)) {
          expect((await send('GET', `/api/products/${id}`)).body.payload).toEqual(model.products.get(id));
        }
        break;
      }
      case 'deleteProduct': {
        const id = resolve(current.id, productIds);
        const reply = await send('DELETE', `/api/products/${id}`);
        expect(reply.status === 200).toBe(model.products.has(id));
        if (reply.status === 200) {
          model.products.delete(id);
          for (const [cartId, lines] of model.carts)
            model.carts.set(
              cartId,
              lines.filter((line) => line.product !== id),
            );
        }
        break;
      }
      case 'listProducts': {
        const reply = await send('GET', `/api/products?${current.query}`);
        if (reply.status === 200) {
          for (const product of reply.body.payload as Product[])
            expect(product).toEqual(model.products.get(product._id));
        }
        break;
      }
      case 'createCart': {
        const reply = await send('POST', '/api/carts');
        const cart = reply.body.payload as { _id: string };
        model.carts.set(cart._id, []);
        break;
      }
      case 'addToCart':
      case 'setQuantity':
      case 'removeLine': {
        const cartId = resolve(current.cart, cartIds);
        const productId = resolve(current.product, productIds);
        const method = LINE_METHODS[current.kind];
        const reply = await send(
          method,
          `/api/carts/${cartId}/products/${productId}`,
          'body' in current ? current.body : undefined,
        );
        if (reply.status === 200) {
          const payload = reply.body.payload as { products: { product: Product; quantity: number }[] };
          const lines = payload.products.map((line) => ({
            product: line.product._id,
            quantity: line.quantity,
          }));
          const product = model.products.get(productId);
          const line = lines.find((candidate) => candidate.product === productId);
          if (current.kind !== 'removeLine') {
            expect(product?.status || current.kind === 'setQuantity').toBe(true);
            expect(line).toBeDefined();
            expect(product).toBeDefined();
            expect(line?.quantity).toBeLessThanOrEqual(product?.stock ?? 0);
          } else {
            expect(line).toBeUndefined();
          }
          model.carts.set(cartId, lines);
        }
        if (model.carts.has(cartId)) await expectCartMatchesModel(model, cartId);
        break;
      }
      case 'replaceCart': {
        const cartId = resolve(current.cart, cartIds);
        const lines = current.lines.map((line) => ({
          product: resolve(line.product, productIds),
          quantity: line.quantity,
        }));
        const reply = await send('PUT', `/api/carts/${cartId}`, lines);
        if (reply.status === 200) {
          const payload = reply.body.payload as { products: { product: Product; quantity: number }[] };
          model.carts.set(
            cartId,
            payload.products.map((line) => ({ product: line.product._id, quantity: line.quantity })),
          );
        }
        if (model.carts.has(cartId)) await expectCartMatchesModel(model, cartId);
        break;
      }
      case 'clearCart': {
        const cartId = resolve(current.cart, cartIds);
        const reply = await send('DELETE', `/api/carts/${cartId}`);
        expect(reply.status === 200).toBe(model.carts.has(cartId));
        if (reply.status === 200) model.carts.set(cartId, []);
        break;
      }
      case 'postMessage': {
        const reply = await send('POST', '/api/messages', current.body);
        if (reply.status === 201) model.messages += 1;
        break;
      }
      case 'listMessages': {
        await send('GET', `/api/messages?${current.query}`);
        break;
      }
    }
  }

  it('keeps every invariant over random request sequences', async () => {
    const model: Model = { products: new Map(), carts: new Map(), messages: 0 };
    const before = Object.getOwnPropertyNames(Object.prototype).sort();

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: STEPS / 2, maxLength: STEPS }), async (steps) => {
        for (const current of steps) await apply(model, current);

        const list = await send('GET', '/api/products?limit=100');
        expect(list.body.totalDocs).toBe(model.products.size);
        const messages = await send('GET', '/api/messages?limit=200');
        expect((messages.body.payload as unknown[]).length).toBe(Math.min(200, model.messages));
      }),
      { numRuns: RUNS, endOnFailure: true },
    );

    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(requests).toBeGreaterThan(RUNS * 5);
    process.stdout.write(`fuzz: ${requests} requests on the ${kind} store, no 5xx\n`);
  }, 180_000);
});
