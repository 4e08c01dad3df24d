import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Product } from '../../src/dao/managers/manager.types.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { crashTargets, type CrashTarget } from '../helpers/crash-targets.js';

/*
 * Crash test: a write storm from 20 clients against a real server process that is killed with SIGKILL
 * at a random moment, then restarted on the same data. Every write that was acknowledged with a 2xx
 * before the kill must be there afterwards, and nothing half-written may appear.
 */

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const CLIENTS = 20;

interface Acknowledged {
  products: Map<string, Product>;
  /** Acknowledged and attempted adds per `cartId/productId` line. */
  lines: Map<string, { acked: number; attempted: number }>;
  messages: Map<string, Message>;
  carts: string[];
}

interface Reply {
  status: number;
  // The shapes differ per route; each caller reads the fields it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(base: string, method: string, route: string, body?: unknown): Promise<Reply | null> {
  try {
    const response = await fetch(`${base}${route}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  } catch {
    // The server was killed while this request was in flight; its outcome is unknown.
    return null;
  }
}

async function storm(
  base: string,
  state: Acknowledged,
  round: number,
  stop: { stopped: boolean },
): Promise<void> {
  const productIds = () => [...state.products.keys()];

  const client = async (clientId: number): Promise<void> => {
    for (let i = 0; !stop.stopped && i < 10_000; i++) {
      const choice = (clientId + i) % 3;
      if (choice === 0 || productIds().length === 0) {
        const code = `R${round}-C${clientId}-${i}`;
        const reply = await call(base, 'POST', '/api/products', {
          title: `Producto ${code}`,
          description: `Creado en la ronda ${round}`,
          code,
          price: ((i % 500) + 1) / 4,
          stock: 1_000_000,
          category: `Categoría ${clientId % 4}`,
        });
        if (reply?.status === 201) state.products.set(reply.body.payload._id, reply.body.payload);
      } else if (choice === 1) {
        const cartId = state.carts[clientId % state.carts.length] as string;
        const ids = productIds();
        const productId = ids[(clientId * 7 + i) % ids.length] as string;
        const key = `${cartId}/${productId}`;
        const line = state.lines.get(key) ?? { acked: 0, attempted: 0 };
        line.attempted += 1;
        state.lines.set(key, line);
        const reply = await call(base, 'POST', `/api/carts/${cartId}/products/${productId}`);
        if (reply?.status === 200) line.acked += 1;
      } else {
        const reply = await call(base, 'POST', '/api/messages', {
          user: `cliente${clientId}@example.com`,
          message: `r${round} m${i}`,
        });
        if (reply?.status === 201) state.messages.set(reply.body.payload._id, reply.body.payload);
      }
    }
  };

  await Promise.all(Array.from({ length: CLIENTS }, (_, clientId) => client(clientId)));
}

async function verify(base: string, state: Acknowledged): Promise<void> {
  const list = await call(base, 'GET', '/api/products?limit=100');
  expect(list?.status).toBe(200);
  const total = list?.body.totalDocs as number;
  expect(total).toBeGreaterThanOrEqual(state.products.size);

  for (let page = 1; page <= Math.ceil(total / 100); page++) {
    const reply = await call(base, 'GET', `/api/products?limit=100&page=${page}`);
    for (const product of reply?.body.payload as Product[]) {
      expect(product.code).toMatch(/^R\d+-C\d+-\d+$/);
      expect(product.title).toBe(`Producto ${product.code}`);
      const acked = state.products.get(product._id);
      if (acked) expect(product).toEqual(acked);
    }
  }
  for (const product of state.products.values()) {
    const reply = await call(base, 'GET', `/api/products/${product._id}`);
    expect(reply?.status, `acknowledged product ${product.code} is missing`).toBe(200);
  }

  for (const cartId of state.carts) {
    const reply = await call(base, 'GET', `/api/carts/${cartId}`);
    expect(reply?.status).toBe(200);
    const lines = reply?.body.payload.products as { product: Product; quantity: number }[];
    expect(new Set(lines.map((line) => line.product._id)).size).toBe(lines.length);
    for (const [key, counts] of state.lines) {
      if (!key.startsWith(`${cartId}/`)) continue;
      const line = lines.find((candidate) => `${cartId}/${candidate.product._id}` === key);
      const quantity = line?.quantity ?? 0;
      expect(quantity, `line ${key}`).toBeGreaterThanOrEqual(counts.acked);
      expect(quantity, `line ${key}`).toBeLessThanOrEqual(counts.attempted);
    }
  }

  const seen = new Map<string, Message>();
  let before: string | null = null;
  do {
    const reply = await call(base, 'GET', `/api/messages?limit=200${before ? `&before=${before}` : ''}`);
    for (const message of reply?.body.payload as Message[]) seen.set(message._id, message);
    before = reply?.body.nextBefore ?? null;
  } while (before);
  for (const message of state.messages.values()) expect(seen.get(message._id)).toEqual(message);
}

describe.each(crashTargets())('crash test on the $kind store', (target: CrashTarget) => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-crash-'));
    env = { DATA_DIR: dataDir, SEED_DEMO: 'false', RATE_LIMIT: 'off', ...(await target.env()) };
  });

  afterAll(async () => {
    await target.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write over ${ROUNDS} SIGKILL rounds`, async () => {
    const state: Acknowledged = { products: new Map(), lines: new Map(), messages: new Map(), carts: [] };
    let server: ServerProcess = startServerProcess(env);
    let base = `http://127.0.0.1:${await server.port}`;
    for (let i = 0; i < 5; i++) state.carts.push((await call(base, 'POST', '/api/carts'))?.body.payload._id);

    for (let round = 1; round <= ROUNDS; round++) {
      const stop = { stopped: false };
      const running = storm(base, state, round, stop);
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(Math.random() * 600)));
      server.child.kill('SIGKILL');
      await server.exit;
      stop.stopped = true;
      await running;

      server = startServerProcess(env);
      base = `http://127.0.0.1:${await server.port}`;
      await verify(base, state);
    }

    server.child.kill('SIGTERM');
    expect((await server.exit).code).toBe(0);
    process.stdout.write(
      `crash (${target.kind}): ${ROUNDS} rounds survived, ${state.products.size} products, ` +
        `${state.messages.size} messages and ${[...state.lines.values()].reduce((sum, line) => sum + line.acked, 0)} cart adds acknowledged and found\n`,
    );
  }, 600_000);
});
