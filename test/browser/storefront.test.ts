import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Product } from '../../src/dao/managers/manager.types.js';
import { createProduct, productBody, startTestApp, type TestApp } from '../helpers/app.js';
import { browserSuiteEnabled, launchBrowser, saveScreenshot, watchProblems } from '../helpers/browser.js';
import { storeKinds } from '../helpers/stores.js';

const XSS_TITLE = '<img src=x onerror=alert(1)>';
const LANGUAGES = ['es', 'en'] as const;
/** Below the test timeout, so a missing element fails with Playwright's message instead of a bare timeout. */
const PLAYWRIGHT_TIMEOUT_MS = 8000;

describe.skipIf(!browserSuiteEnabled()).each(storeKinds())('storefront in Chromium (%s store)', (kind) => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** Opens a page in a fresh browser context, which has its own cookies like a separate shopper. */
  async function openPage(path: string, locale = 'es-AR'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
    context.setDefaultTimeout(PLAYWRIGHT_TIMEOUT_MS);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}${path}`);
    return page;
  }

  /** Waits until a live page has connected its socket and loaded its list. */
  async function waitSynced(page: Page, selector: string): Promise<void> {
    await page.locator(`${selector}[data-synced="true"]`).waitFor();
  }

  beforeAll(async () => {
    app = await startTestApp(kind);
    browser = await launchBrowser();
    await createProduct(app, { title: 'Yerba suave', price: 4850, category: 'Almacén', stock: 10 });
    await createProduct(app, { title: 'Café molido', price: 7320.5, category: 'Almacén', stock: 5 });
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.close();
    await app?.testStore.destroy();
  });

  it('live create and delete reach another page', async () => {
    const [creator, watcher] = [await openPage('/realtimeproducts'), await openPage('/realtimeproducts')];
    const problems = [watchProblems(creator), watchProblems(watcher)];
    await Promise.all([waitSynced(creator, '.realtime'), waitSynced(watcher, '.realtime')]);

    await creator.getByLabel('Título').fill('Termo de acero');
    await creator.getByLabel('Descripción').fill('Termo de un litro');
    await creator.getByLabel('Código').fill(`TERMO-${kind}`);
    await creator.getByLabel('Precio').fill('25999.9');
    await creator.getByLabel('Stock', { exact: true }).fill('4');
    await creator.getByLabel('Categoría').fill('Hogar');
    await creator.getByRole('button', { name: 'Crear producto' }).click();

    const row = watcher.locator('.live-product', { hasText: 'Termo de acero' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/\$\s25\.999,90/);
    await creator.getByText('Producto creado: Termo de acero.').waitFor();

    await watcher.getByRole('button', { name: 'Eliminar Termo de acero' }).click();
    await creator.locator('.live-product', { hasText: 'Termo de acero' }).waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });

    for (const entry of problems) expect(entry).toEqual({ errors: [], dialogs: [] });
  });

  it('re-syncs the live list after a lost connection', async () => {
    const page = await openPage('/realtimeproducts');
    await page.locator('.realtime[data-sync-count="1"]').waitFor();

    // Written to the store directly, so no event announces it: only a re-sync can show it.
    const missed = await app.store.products.create(productBody({ title: 'Creado sin conexión' }));
    await expect(page.locator(`[data-product-id="${missed._id}"]`).count()).resolves.toBe(0);

    // Closing the transport, as a network drop does, makes the client reconnect on its own.
    for (const socket of app.shop.io.sockets.sockets.values()) socket.conn.close();

    await page.locator('.realtime[data-sync-count="2"]').waitFor();
    await page.locator(`[data-product-id="${missed._id}"]`).waitFor();
    await app.request.delete(`/api/products/${missed._id}`).expect(200);
  });

  it('shows validation errors next to the fields of the create form', async () => {
    const page = await openPage('/realtimeproducts?lang=en');
    await waitSynced(page, '.realtime');

    await page.getByLabel('Price').fill('-5');
    await page.getByRole('button', { name: 'Create product' }).click();

    await expect(page.locator('#error-title').textContent()).resolves.not.toBe('');
    await expect(page.locator('#error-price').textContent()).resolves.not.toBe('');
    await expect(page.getByLabel('Title').getAttribute('aria-invalid')).resolves.toBe('true');
    await saveScreenshot(page, 'realtimeproducts-errors.en');
  });

  it('markup in a title stays text everywhere', async () => {
    const product = await createProduct(app, { title: XSS_TITLE, stock: 5 });
    const live = await openPage('/realtimeproducts');
    const problems = watchProblems(live);
    await waitSynced(live, '.realtime');

    const liveCreated: Promise<Product> = createProduct(app, { title: `${XSS_TITLE} 2`, stock: 5 });
    await live.getByText(`${XSS_TITLE} 2`).waitFor();
    await liveCreated;
    await expect(live.getByText(XSS_TITLE, { exact: true }).count()).resolves.toBe(1);

    const shopper = await openPage(`/products/${product._id}`);
    const shopperProblems = watchProblems(shopper);
    await expect(shopper.locator('h1').textContent()).resolves.toBe(XSS_TITLE);
    await shopper.getByRole('button', { name: 'Agregar al carrito' }).click();
    await shopper.waitForURL(/\/products\//);
    await shopper.locator('[data-cart-link]').click();
    await shopper.getByRole('link', { name: XSS_TITLE, exact: true }).waitFor();

    for (const path of ['/', '/products']) {
      await shopper.goto(`${app.url}${path}?limit=100`);
      await shopper.getByRole('link', { name: XSS_TITLE, exact: true }).waitFor();
    }

    const chat = await openPage('/chat');
    const chatProblems = watchProblems(chat);
    await waitSynced(chat, '.chat');
    await chat.getByLabel('Tu email').fill('xss@example.com');
    await chat.getByRole('button', { name: 'Entrar al chat' }).click();
    await chat.getByLabel('Mensaje', { exact: true }).fill(XSS_TITLE);
    await chat.getByRole('button', { name: 'Enviar' }).click();
    await chat.locator('.chat-text', { hasText: XSS_TITLE }).waitFor();

    for (const page of [live, shopper, chat]) {
      await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    }
    for (const entry of [problems, shopperProblems, chatProblems])
      expect(entry).toEqual({ errors: [], dialogs: [] });
  });

  it('delivers chat messages between two pages', async () => {
    const [ana, beto] = [await openPage('/chat'), await openPage('/chat')];
    await Promise.all([waitSynced(ana, '.chat'), waitSynced(beto, '.chat')]);

    await ana.getByLabel('Tu email').fill('no es un email');
    await ana.getByRole('button', { name: 'Entrar al chat' }).click();
    await ana.getByText('Ingresá un email válido').waitFor();

    for (const [page, email] of [
      [ana, 'ana@example.com'],
      [beto, 'beto@example.com'],
    ] as const) {
      await page.getByLabel('Tu email').fill(email);
      await page.getByRole('button', { name: 'Entrar al chat' }).click();
    }

    await ana.getByLabel('Mensaje', { exact: true }).fill('Hola Beto, ¿tenés yerba?');
    await ana.getByRole('button', { name: 'Enviar' }).click();
    await beto.locator('.chat-message', { hasText: 'Hola Beto, ¿tenés yerba?' }).waitFor();

    await beto.getByLabel('Mensaje', { exact: true }).fill('Sí, suave y con palo.');
    await beto.getByRole('button', { name: 'Enviar' }).click();
    await ana.locator('.chat-message', { hasText: 'Sí, suave y con palo.' }).waitFor();
    await expect(
      ana.locator('.chat-message', { hasText: 'Sí, suave y con palo.' }).textContent(),
    ).resolves.toContain('beto@example.com');
  });

  it('add to cart updates count and cart page', async () => {
    const page = await openPage('/products?q=yerba');
    await expect(page.locator('[data-cart-link]').textContent()).resolves.toBe('Carrito (0)');

    await page.getByRole('button', { name: 'Agregar al carrito: Yerba suave' }).click();
    await page.getByText('Agregaste Yerba suave al carrito.').waitFor();
    await expect(page.locator('[data-cart-link]').textContent()).resolves.toBe('Carrito (1)');
    expect(page.url()).toContain('/products?q=yerba');

    await page.getByRole('button', { name: 'Agregar al carrito: Yerba suave' }).click();
    await expect(page.locator('[data-cart-link]').textContent()).resolves.toBe('Carrito (2)');

    await page.locator('[data-cart-link]').click();
    await page.getByRole('heading', { name: 'Tu carrito' }).waitFor();
    await expect(page.locator('.cart-total').textContent()).resolves.toMatch(/\$\s9\.700,00/);

    await page.getByLabel('Cantidad de Yerba suave').fill('3');
    await page.getByRole('button', { name: 'Actualizar' }).click();
    await page.getByText('Cantidad actualizada.').waitFor();
    await expect(page.locator('.cart-total').textContent()).resolves.toMatch(/\$\s14\.550,00/);
    await expect(page.locator('[data-cart-link]').textContent()).resolves.toBe('Carrito (3)');

    const cookies = await page.context().cookies();
    const cartCookie = cookies.find((cookie) => cookie.name === 'cartId');
    expect(cartCookie?.httpOnly).toBe(true);
    expect(cartCookie?.sameSite).toBe('Lax');
  });

  it('switches to English with ?lang=en and keeps it on the next page', async () => {
    const page = await openPage('/products?lang=en');
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await page.getByRole('button', { name: 'Add to cart: Yerba suave' }).waitFor();
    await expect(page.locator('.product-card', { hasText: 'Café molido' }).textContent()).resolves.toContain(
      '$7,320.50',
    );

    await page.getByRole('link', { name: 'Chat' }).click();
    await page.getByLabel('Your email').waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');

    await page.getByRole('link', { name: 'Español' }).click();
    await page.getByLabel('Tu email').waitFor();
  });

  it('takes a screenshot of every page in both languages', async () => {
    const product = await createProduct(app, {
      title: 'Mate de calabaza',
      description: 'Mate curado a mano.',
      price: 1234.5,
      category: 'Hogar',
    });
    const cart = await app.request.post('/api/carts').expect(201);
    const cartId = cart.body.payload._id as string;
    await app.request.post(`/api/carts/${cartId}/products/${product._id}`).send({ quantity: 2 }).expect(200);
    await app.request.post('/api/messages').send({ user: 'ana@example.com', message: '¡Hola!' }).expect(201);

    const pages: [name: string, path: string, ready?: string][] = [
      ['home', '/'],
      ['products', '/products'],
      ['product', `/products/${product._id}`],
      ['cart', `/carts/${cartId}`],
      ['realtimeproducts', '/realtimeproducts', '.realtime'],
      ['chat', '/chat', '.chat'],
      ['bad-page', '/products?page=0'],
      ['not-found', '/no-such-page'],
    ];
    for (const lang of LANGUAGES) {
      for (const [name, path, ready] of pages) {
        const separator = path.includes('?') ? '&' : '?';
        const page = await openPage(`${path}${separator}lang=${lang}`);
        if (ready) await waitSynced(page, ready);
        if (name === 'chat') {
          await page.locator('#chat-email').fill('ana@example.com');
          await page.locator('#chat-identify button[type="submit"]').click();
          await page.locator('.chat-message').first().waitFor();
        }
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
        await saveScreenshot(page, `${name}.${lang}`);
        await page.context().close();
      }
    }
  }, 90_000);
});
