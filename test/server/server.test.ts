import net from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.js';

interface ProductList {
  totalDocs: number;
  payload: { category: string; stock: number; status: boolean }[];
}

/** Starts the server process and gives it a `kill` shortcut, as the tests below use it. */
function startServer(env: Record<string, string>) {
  const server = startServerProcess(env);
  return { ...server, kill: (signal: NodeJS.Signals) => server.child.kill(signal) };
}

describe('server process', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-server-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo catalogue and exits 0 on SIGTERM after flushing', async () => {
    const server = startServer({ DATA_DIR: dataDir });
    const port = await server.port;

    const list = (await (
      await fetch(`http://127.0.0.1:${port}/api/products?limit=100`)
    ).json()) as ProductList;
    expect(list.totalDocs).toBeGreaterThanOrEqual(40);
    const categories = new Set(list.payload.map((product) => product.category));
    expect(categories.size).toBeGreaterThanOrEqual(5);
    expect(list.payload.some((product) => product.stock === 0)).toBe(true);
    expect(list.payload.some((product) => product.status === false)).toBe(true);

    const cart = await fetch(`http://127.0.0.1:${port}/api/carts`, { method: 'POST' });
    const cartId = ((await cart.json()) as { payload: { _id: string } }).payload._id;
    server.kill('SIGTERM');

    const { code } = await server.exit;
    expect(code).toBe(0);
    expect(await readFile(path.join(dataDir, 'carts.json'), 'utf8')).toContain(cartId);
  });

  it('does not seed when SEED_DEMO is false', async () => {
    const server = startServer({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
    const port = await server.port;

    const list = (await (await fetch(`http://127.0.0.1:${port}/api/products`)).json()) as ProductList;
    server.kill('SIGINT');

    expect(list.totalDocs).toBe(0);
    expect((await server.exit).code).toBe(0);
  });

  it('refuses to start with an invalid variable and names it', async () => {
    const server = startServer({ DATA_DIR: dataDir, PORT: 'ochenta', STORE: 'excel' });

    const { code, output } = await server.exit;
    expect(code).toBe(1);
    expect(output).toContain('PORT');
    expect(output).toContain('STORE');
  });

  it('refuses to start on a damaged products file and names it', async () => {
    const file = path.join(dataDir, 'products.json');
    await writeFile(file, '[{"_id":');
    const server = startServer({ DATA_DIR: dataDir });

    const { code, output } = await server.exit;
    expect(code).toBe(1);
    expect(output).toContain(file);
    expect(await readFile(file, 'utf8')).toBe('[{"_id":');
  });
});

describe('server process on a busy port', () => {
  it('names the port and says how to change it', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const { port } = blocker.address() as net.AddressInfo;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tienda-busy-'));
    try {
      const server = startServer({ DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: 'false' });

      const { code, output } = await server.exit;
      expect(code).toBe(1);
      expect(output).toContain(`port ${port} is already in use`);
      expect(output).toContain('PORT');
    } finally {
      blocker.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
