import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openMongoStore } from '../../src/dao/managers/mongo/mongo.store.js';
import { createProduct, startOnStore, type TestApp } from '../helpers/app.js';
import { startFerretDb, type FerretDbServer } from '../helpers/ferretdb.js';
import { withDatabase } from '../helpers/stores.js';

const binary = inject('ferretDbBinary');
const OUTAGE_LIMIT_MS = 5_000;

async function timed<T>(request: () => PromiseLike<T>): Promise<{ result: T; elapsedMs: number }> {
  const started = Date.now();
  const result = await request();
  return { result, elapsedMs: Date.now() - started };
}

/*
 * Runs on a FerretDB instance of its own, so stopping it leaves the server of the other suites alone.
 * Needs a FerretDB binary even when MONGO_URL points the other suites elsewhere.
 */
describe.skipIf(!binary || !inject('mongoUrl'))('mongo store during a database outage', () => {
  let server: FerretDbServer;
  let app: TestApp;

  beforeAll(async () => {
    server = await startFerretDb({ binary: binary as string });
    const url = withDatabase(server.url, 'tienda_outage');
    const store = await openMongoStore({ url, logger: pino({ level: 'silent' }), startupTimeoutMs: 5_000 });
    app = await startOnStore(
      {
        store,
        dataDir: 'tienda_outage',
        reopen: () => Promise.reject(new Error('not used by this suite')),
        destroy: () => store.close(),
      },
      store,
    );
  });

  afterAll(async () => {
    await app?.close();
    await server?.destroy();
  });

  it('returns 503 while down, then recovers', { timeout: 60_000 }, async () => {
    const product = await createProduct(app, { code: 'OUTAGE-1' });
    await app.request.get('/healthz').expect(200, { status: 'ok', store: 'mongo' });

    await server.stop();

    const health = await timed(() => app.request.get('/healthz'));
    expect(health.result.status).toBe(503);
    expect(health.result.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(health.elapsedMs).toBeLessThan(OUTAGE_LIMIT_MS);

    const read = await timed(() => app.request.get(`/api/products/${product._id}`));
    expect(read.result.status).toBe(503);
    expect(read.result.body).toMatchObject({ status: 'error', error: { code: 'STORE_UNAVAILABLE' } });
    expect(read.elapsedMs).toBeLessThan(OUTAGE_LIMIT_MS);

    const write = await timed(() => app.request.post('/api/carts'));
    expect(write.result.status).toBe(503);
    expect(write.result.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(write.elapsedMs).toBeLessThan(OUTAGE_LIMIT_MS);

    await server.restart();

    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await app.request.get('/healthz')).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    const again = await app.request.get(`/api/products/${product._id}`).expect(200);
    expect(again.body.payload).toEqual(product);
    await app.request.post('/api/carts').expect(201);
  });
});
