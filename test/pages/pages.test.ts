import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/dao/managers/manager.types.js';
import { createCart, createProduct, startTestApp, type TestApp } from '../helpers/app.js';
import { storeKinds } from '../helpers/stores.js';

/** Undoes the entity escaping Handlebars applies to `=` and `&` inside attributes. */
const decodeEntities = (html: string): string => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

const SCRIPT_TITLE = '<script>alert("xss")</script> Mate';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; Mate';

/** Cookies of a response as `name=value` pairs, for sending them back like a browser. */
function cookiesOf(response: { headers: Record<string, unknown> }): string[] {
  const header = response.headers['set-cookie'];
  return (Array.isArray(header) ? header : []).map((cookie: string) => cookie.split(';')[0] ?? '');
}

function cartCookie(response: { headers: Record<string, unknown> }): string | undefined {
  return cookiesOf(response).find((cookie) => cookie.startsWith('cartId=') && cookie !== 'cartId=');
}

describe.each(storeKinds())('storefront pages (%s store)', (kind) => {
  let app: TestApp;
  let priced: Product;
  let scripted: Product;
  let soldOut: Product;

  beforeAll(async () => {
    app = await startTestApp(kind);
    priced = await createProduct(app, {
      title: 'Yerba premium',
      price: 1234.5,
      category: 'Almacén',
      stock: 3,
    });
    scripted = await createProduct(app, { title: SCRIPT_TITLE, price: 10, category: 'Bebidas' });
    soldOut = await createProduct(app, { title: 'Termo agotado', price: 99.99, stock: 0, category: 'Hogar' });
  });

  afterAll(async () => {
    await app.close();
    await app.testStore.destroy();
  });

  describe('GET /', () => {
    it('renders the catalogue in Spanish with es-AR prices', async () => {
      const response = await app.request.get('/').expect(200).expect('Content-Type', /html/);
      expect(response.text).toContain('<html lang="es">');
      expect(response.text).toContain('Catálogo');
      expect(response.text).toContain('Yerba premium');
      expect(response.text).toMatch(/\$\s1\.234,50/);
      expect(response.text).not.toContain('/socket.io/socket.io.js');
    });

    it('escapes a script tag in a product title', async () => {
      const response = await app.request.get('/').expect(200);
      expect(response.text).toContain(ESCAPED_SCRIPT);
      expect(response.text).not.toContain('<script>alert');
    });

    it('switches to English with ?lang=en and remembers it', async () => {
      const response = await app.request.get('/?lang=en').expect(200);
      expect(response.text).toContain('<html lang="en">');
      expect(response.text).toContain('Catalogue');
      expect(response.text).toMatch(/\$1,234\.50/);
      expect(cookiesOf(response)).toContain('lang=en');

      const remembered = await app.request.get('/products').set('Cookie', 'lang=en').expect(200);
      expect(remembered.text).toContain('Add to cart');
    });

    it('follows Accept-Language when there is no choice', async () => {
      const response = await app.request.get('/').set('Accept-Language', 'en-US,en;q=0.9').expect(200);
      expect(response.text).toContain('<html lang="en">');
    });

    it('sends a Content-Security-Policy that allows only own scripts and styles', async () => {
      const response = await app.request.get('/').expect(200);
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
    });
  });

  describe('GET /products', () => {
    it('renders filters, sort, search and add-to-cart buttons', async () => {
      const response = await app.request.get('/products').expect(200);
      expect(response.text).toContain('name="q"');
      expect(response.text).toContain('name="category"');
      expect(response.text).toContain('name="available"');
      expect(response.text).toContain('name="sort"');
      expect(response.text).toContain('Agregar al carrito');
      expect(response.text).toContain(`action="/cart/products/${priced._id}"`);
      expect(response.text).toContain(ESCAPED_SCRIPT);
      expect(response.text).not.toContain('<script>alert');
    });

    it('has no add-to-cart button for a sold-out product', async () => {
      const response = await app.request.get('/products').expect(200);
      expect(response.text).toContain('Termo agotado');
      expect(response.text).not.toContain(`action="/cart/products/${soldOut._id}"`);
      expect(response.text).toContain('Sin stock');
    });

    it('filters by category and availability', async () => {
      const byCategory = await app.request.get('/products?category=hogar').expect(200);
      expect(byCategory.text).toContain('Termo agotado');
      expect(byCategory.text).not.toContain('Yerba premium');

      const inStock = await app.request.get('/products?available=true').expect(200);
      expect(inStock.text).toContain('Yerba premium');
      expect(inStock.text).not.toContain('Termo agotado');
    });

    it('searches titles', async () => {
      const response = await app.request.get('/products?q=yerba').expect(200);
      expect(response.text).toContain('Yerba premium');
      expect(response.text).not.toContain('Termo agotado');
    });

    it('links the next and previous pages keeping the filters', async () => {
      const first = await app.request.get('/products?limit=1&sort=asc').expect(200);
      expect(first.text).toContain('Página 1 de 3');
      expect(first.text).toContain('href="/products?limit&#x3D;1&amp;page&#x3D;2&amp;sort&#x3D;asc"');

      const second = await app.request.get('/products?limit=1&page=2&sort=asc').expect(200);
      expect(second.text).toContain('rel="prev"');
      expect(second.text).toContain('Página 2 de 3');
    });

    it.each([
      ['0', 400],
      ['abc', 400],
      ['99999', 404],
    ])('shows a clear message for ?page=%s with status %i', async (page, status) => {
      const response = await app.request.get(`/products?page=${page}`).expect(status);
      expect(response.headers['content-type']).toMatch(/html/);
      expect(response.text).toContain('Página inválida');
      expect(decodeEntities(response.text)).toContain('href="/products?page=1"');
      expect(response.text).not.toContain('product-card');
    });

    it('keeps the filters in the link back from a bad page', async () => {
      const response = await app.request.get('/products?category=Hogar&page=0').expect(400);

      expect(decodeEntities(response.text)).toContain('href="/products?category=Hogar&page=1"');
    });

    it('names a bad filter without calling it a bad page', async () => {
      const response = await app.request.get('/products?sort=sideways').expect(400);

      expect(response.text).not.toContain('Página inválida');
      expect(response.text).toContain('No pudimos mostrar esta página');
      expect(response.text).toContain('Ver sin filtros');
    });

    it('offers the last page when the page is past the end', async () => {
      const response = await app.request.get('/products?page=99999').expect(404);
      expect(response.text).toContain('La página 99999 no existe: hay 1 página(s).');
    });

    it('rejects an out-of-range page on the home page too', async () => {
      const response = await app.request.get('/?page=0&lang=en').expect(400);
      expect(response.text).toContain('Invalid page');
      expect(response.text).toContain('href="/"');
    });
  });

  describe('GET /products/:pid', () => {
    it('renders one product with its details and an add-to-cart form', async () => {
      const response = await app.request.get(`/products/${priced._id}`).expect(200);
      expect(response.text).toContain('<h1 class="product-title">Yerba premium</h1>');
      expect(response.text).toContain(priced.code);
      expect(response.text).toContain('name="quantity"');
      expect(response.text).toContain('Agregar al carrito');
    });

    it('escapes a script tag in the title', async () => {
      const response = await app.request.get(`/products/${scripted._id}`).expect(200);
      expect(response.text).toContain(ESCAPED_SCRIPT);
      expect(response.text).not.toContain('<script>alert');
    });

    it('shows a 404 page for an unknown product', async () => {
      const response = await app.request.get('/products/0123456789abcdef01234567').expect(404);
      expect(response.text).toContain('Página no encontrada');
    });

    it('shows a 400 page for an invalid id', async () => {
      const response = await app.request.get('/products/not-an-id').expect(400);
      expect(response.text).toContain('no es válido');
    });
  });

  describe('cart pages', () => {
    it('first add creates the cart and its cookie', async () => {
      const response = await app.request
        .post(`/cart/products/${priced._id}`)
        .type('form')
        .send({ returnTo: '/products?page=1' })
        .expect(303);
      expect(response.headers.location).toBe('/products?page=1');

      const setCookie = (response.headers['set-cookie'] as unknown as string[]).find((cookie) =>
        cookie.startsWith('cartId='),
      );
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);

      const page = await app.request.get('/products').set('Cookie', cookiesOf(response)).expect(200);
      expect(page.text).toContain('Carrito (1)');
      expect(page.text).toContain('Agregaste Yerba premium al carrito.');
    });

    it('reuses the remembered cart on the next add', async () => {
      const first = await app.request.post(`/cart/products/${priced._id}`).type('form').send({}).expect(303);
      const cookie = cartCookie(first);
      expect(cookie).toBeDefined();

      const second = await app.request
        .post(`/cart/products/${scripted._id}`)
        .set('Cookie', [cookie ?? ''])
        .type('form')
        .send({ quantity: '2' })
        .expect(303);
      expect(cartCookie(second)).toBeUndefined();

      const cartId = (cookie ?? '').slice('cartId='.length);
      const cart = await app.request.get(`/api/carts/${cartId}`).expect(200);
      expect(cart.body.payload.products).toHaveLength(2);
    });

    it('never redirects to another site after an add', async () => {
      const response = await app.request
        .post(`/cart/products/${priced._id}`)
        .type('form')
        .send({ returnTo: '//evil.example/' })
        .expect(303);
      expect(response.headers.location).toBe('/products');
    });

    it('shows the lines, subtotals and total of a cart', async () => {
      const cartId = await createCart(app);
      await app.request.post(`/api/carts/${cartId}/products/${priced._id}`).send({ quantity: 2 }).expect(200);
      await app.request.post(`/api/carts/${cartId}/products/${scripted._id}`).expect(200);

      const response = await app.request.get(`/carts/${cartId}`).expect(200);
      expect(response.text).toContain('Tu carrito');
      expect(response.text).toContain('Yerba premium');
      expect(response.text).toMatch(/\$\s2\.469,00/);
      expect(response.text).toMatch(/class="numeric cart-total"[^>]*>\$\s2\.479,00/);
      expect(response.text).toContain(ESCAPED_SCRIPT);
      expect(response.text).not.toContain('<script>alert');
      expect(response.text).toContain('Vaciar carrito');
    });

    it('warns about withdrawn products and quantities over stock', async () => {
      const cartId = await createCart(app);
      const withdrawn = await createProduct(app, { title: 'Producto retirado', stock: 5 });
      const scarce = await createProduct(app, { title: 'Producto escaso', stock: 5 });
      await app.request.post(`/api/carts/${cartId}/products/${withdrawn._id}`).expect(200);
      await app.request.post(`/api/carts/${cartId}/products/${scarce._id}`).send({ quantity: 3 }).expect(200);
      await app.request.put(`/api/products/${withdrawn._id}`).send({ status: false }).expect(200);
      await app.request.put(`/api/products/${scarce._id}`).send({ stock: 1 }).expect(200);

      const response = await app.request.get(`/carts/${cartId}`).expect(200);

      expect(response.text).toContain('Este producto ya no está a la venta');
      expect(response.text).toContain('Quedan 1 unidad(es)');
    });

    it('updates a quantity, removes a line and empties the cart through forms', async () => {
      const cartId = await createCart(app);
      await app.request.post(`/api/carts/${cartId}/products/${priced._id}`).expect(200);
      await app.request.post(`/api/carts/${cartId}/products/${scripted._id}`).expect(200);
      const base = `/carts/${cartId}/products/${priced._id}`;

      const updated = await app.request
        .post(`${base}/quantity`)
        .type('form')
        .send({ quantity: '3' })
        .expect(303);
      expect(updated.headers.location).toBe(`/carts/${cartId}`);
      let cart = await app.request.get(`/api/carts/${cartId}`).expect(200);
      expect(cart.body.payload.products[0].quantity).toBe(3);

      await app.request.post(`${base}/remove`).type('form').send({}).expect(303);
      cart = await app.request.get(`/api/carts/${cartId}`).expect(200);
      expect(cart.body.payload.products).toHaveLength(1);

      await app.request.post(`/carts/${cartId}/empty`).type('form').send({}).expect(303);
      const page = await app.request.get(`/carts/${cartId}`).expect(200);
      expect(page.text).toContain('El carrito está vacío.');
    });

    it('shows a notice instead of failing when the stock is not enough', async () => {
      const cartId = await createCart(app);
      await app.request.post(`/api/carts/${cartId}/products/${priced._id}`).expect(200);

      const response = await app.request
        .post(`/carts/${cartId}/products/${priced._id}/quantity`)
        .type('form')
        .send({ quantity: '50' })
        .expect(303);
      const page = await app.request.get(`/carts/${cartId}`).set('Cookie', cookiesOf(response)).expect(200);
      expect(page.text).toContain('No hay stock suficiente');
      expect(page.text).toContain('notice-error');
    });

    it('shows a 404 page for an unknown cart', async () => {
      const response = await app.request.get('/carts/0123456789abcdef01234567').expect(404);
      expect(response.text).toContain('No existe el carrito');
    });
  });

  describe('realtime pages', () => {
    it('renders /realtimeproducts with the list, the create form and the socket client', async () => {
      const response = await app.request.get('/realtimeproducts').expect(200);
      expect(response.text).toContain('<script src="/socket.io/socket.io.js" defer></script>');
      expect(response.text).toContain('src="/js/realtime-products.js"');
      expect(response.text).toContain(`data-product-id="${priced._id}"`);
      for (const field of [
        'title',
        'description',
        'code',
        'price',
        'stock',
        'category',
        'thumbnails',
        'status',
      ]) {
        expect(response.text).toContain(`<label for="product-${field}">`);
      }
      expect(response.text).toContain(ESCAPED_SCRIPT);
      expect(response.text).not.toContain('<script>alert');
    });

    it('renders /chat with an email form', async () => {
      const response = await app.request.get('/chat?lang=en').expect(200);
      expect(response.text).toContain('<label for="chat-email">Your email</label>');
      expect(response.text).toContain('src="/js/chat.js"');
    });
  });

  describe('static files and unknown pages', () => {
    it('serves the stylesheet, the page scripts and the socket.io client', async () => {
      await app.request.get('/css/style.css').expect(200).expect('Content-Type', /css/);
      await app.request
        .get('/js/script.js')
        .expect(200)
        .expect('Content-Type', /javascript/);
      await app.request.get('/socket.io/socket.io.js').expect(200);
    });

    it('renders a 404 page for an unknown path', async () => {
      const response = await app.request.get('/no-such-page').set('Accept', 'text/html').expect(404);
      expect(response.text).toContain('Página no encontrada');
      expect(response.text).toContain('href="/"');
    });

    it('keeps JSON errors for unknown API routes', async () => {
      const response = await app.request.get('/api/nothing').set('Accept', 'text/html').expect(404);
      expect(response.body.error.code).toBe('ROUTE_NOT_FOUND');
    });
  });
});
