import supertest from 'supertest';
import type { AddressInfo } from 'node:net';
import { createShop, type Shop } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/env.config.js';
import { createLogger } from '../../src/config/logger.js';
import type { Product, ProductInput, Store, StoreKind } from '../../src/dao/managers/manager.types.js';
import { openTestStore, type TestStore } from './stores.js';

export interface TestApp {
  shop: Shop;
  store: Store;
  testStore: TestStore;
  url: string;
  address: AddressInfo;
  request: ReturnType<typeof supertest>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT: 'off', ...overrides });
}

/** Starts the whole app on port 0 over an empty store of `kind`. */
export async function startTestApp(kind: StoreKind, env: Record<string, string> = {}): Promise<TestApp> {
  const testStore = await openTestStore(kind);
  return startOnStore(testStore, testStore.store, env);
}

export async function startOnStore(
  testStore: TestStore,
  store: Store,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config = testConfig(env);
  const shop = createShop({ config, logger: createLogger(config), store });
  const address = await shop.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    shop,
    store,
    testStore,
    url,
    address,
    request: supertest(url),
    async close() {
      await shop.close();
    },
  };
}

let sequence = 0;

/** Returns a valid product body with a unique code, with any field overridden. */
export function productBody(overrides: Partial<ProductInput> = {}): ProductInput {
  sequence += 1;
  return {
    title: `Producto de prueba ${sequence}`,
    description: 'Descripción de prueba',
    code: `TEST-${process.pid}-${sequence}`,
    price: 100,
    status: true,
    stock: 50,
    category: 'Pruebas',
    thumbnails: [],
    ...overrides,
  };
}

export async function createProduct(app: TestApp, overrides: Partial<ProductInput> = {}): Promise<Product> {
  const response = await app.request.post('/api/products').send(productBody(overrides)).expect(201);
  return response.body.payload as Product;
}

export async function createCart(app: TestApp): Promise<string> {
  const response = await app.request.post('/api/carts').expect(201);
  return response.body.payload._id as string;
}
