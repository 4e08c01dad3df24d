import express, { Router, type RequestHandler } from 'express';
import { LANGUAGES } from '../i18n/i18n.js';
import type { ViewsController } from '../controllers/views.controller.js';
import { cartCookieMiddleware } from '../middlewares/cart-cookie.middleware.js';
import { flashMiddleware } from '../middlewares/flash.middleware.js';
import type { CartsService } from '../services/carts.service.js';

/** Form posts carry a quantity and a return path, so a small body limit is plenty. */
const FORM_BODY_LIMIT = '16kb';

/** Header navigation: each path with the page-text key of its label. */
const NAV_LINKS = [
  { href: '/', label: 'nav.home' },
  { href: '/products', label: 'nav.products' },
  { href: '/realtimeproducts', label: 'nav.realtime' },
  { href: '/chat', label: 'nav.chat' },
] as const;

/** Sets what the layout needs on every page: the navigation and language links, marking the current one. */
function layoutLocals(): RequestHandler {
  return (req, res, next) => {
    const url = new URL(req.originalUrl, 'http://localhost');
    res.locals.navLinks = NAV_LINKS.map((link) => ({ ...link, current: link.href === url.pathname }));
    res.locals.languageLinks = LANGUAGES.map((lang) => {
      url.searchParams.set('lang', lang);
      const href = `${url.pathname}${url.search}`;
      return { lang, href, label: `language.${lang}`, current: lang === res.locals.lang };
    });
    next();
  };
}

/**
 * Builds the router of the storefront pages. Cart changes are HTML form posts to these routes, which redirect back with
 * 303 (post/redirect/get), so the pages work without JavaScript and never call the JSON API to mutate.
 */
export function viewsRouter(controller: ViewsController, carts: CartsService): Router {
  return Router()
    .use(express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT }))
    .use(cartCookieMiddleware(carts))
    .use(flashMiddleware())
    .use(layoutLocals())
    .get('/', controller.home)
    .get('/products', controller.products)
    .get('/products/:pid', controller.product)
    .get('/carts/:cid', controller.cart)
    .get('/realtimeproducts', controller.realtimeProducts)
    .get('/chat', controller.chat)
    .post('/cart/products/:pid', controller.addToCart)
    .post('/carts/:cid/products/:pid/quantity', controller.setQuantity)
    .post('/carts/:cid/products/:pid/remove', controller.removeProduct)
    .post('/carts/:cid/empty', controller.clearCart)
    .use(controller.notFound);
}
