import type { Request, Response } from 'express';
import type { Logger } from '../config/logger.js';
import type { Product } from '../dao/managers/manager.types.js';
import { AppError, isAppError } from '../errors/app.error.js';
import { errorMessage, messagesFor, type Lang } from '../i18n/i18n.js';
import { rememberCart } from '../middlewares/cart-cookie.middleware.js';
import { setFlash } from '../middlewares/flash.middleware.js';
import type { CartsService } from '../services/carts.service.js';
import type { ProductsService } from '../services/products.service.js';
import { addToCartSchema, setQuantitySchema } from '../validation/cart.schema.js';
import { parseProductListQuery } from '../validation/query.schema.js';
import { parseId, parseWith } from '../validation/validate.js';
import { pageText } from '../views/helpers.js';
import { cartView, paginationView, productView, selectOptions } from '../views/view-models.js';

/** Page size of the live catalogue's server render; it loads every page up to the cap below. */
const REALTIME_PAGE_SIZE = 100;
// NOTE: a catalogue larger than this is cut on /realtimeproducts; the client's re-sync has the same cap.
const REALTIME_MAX_PAGES = 10;
const MAX_RETURN_PATH_LENGTH = 2000;

export interface ViewsControllerDeps {
  products: ProductsService;
  carts: CartsService;
  logger: Logger;
}

/** Accepts only a path on this site, so the add-to-cart form cannot redirect elsewhere. */
function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length > MAX_RETURN_PATH_LENGTH) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

/** Builds the request's path and query with `page` replaced, for the "go to the last page" link. */
function withPage(req: Request, page: number): string {
  const url = new URL(req.originalUrl, 'http://localhost');
  url.searchParams.set('page', String(page));
  return `${url.pathname}${url.search}`;
}

function formBody(req: Request): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
}

export class ViewsController {
  constructor(private readonly deps: ViewsControllerDeps) {}

  home = async (req: Request, res: Response): Promise<void> => {
    const lang = res.locals.lang;
    const { query, linkParams } = parseProductListQuery(req.query, lang);
    const result = await this.deps.products.list(query, { basePath: '/', linkParams });

    res.render('home', {
      title: pageText(lang, 'home.title'),
      products: result.docs.map((product) => productView(lang, product)),
      pagination: paginationView(lang, result),
      returnTo: req.originalUrl,
    });
  };

  products = async (req: Request, res: Response): Promise<void> => {
    const lang = res.locals.lang;
    const { query, linkParams } = parseProductListQuery(req.query, lang);
    const [result, categories] = await Promise.all([
      this.deps.products.list(query, { basePath: '/products', linkParams }),
      this.deps.products.listCategories(),
    ]);

    const text = messagesFor(lang).pages.products;
    const availability = query.available === undefined ? '' : String(query.available);
    res.render('products', {
      title: text.title,
      products: result.docs.map((product) => productView(lang, product)),
      pagination: paginationView(lang, result),
      returnTo: req.originalUrl,
      filters: {
        q: query.q ?? '',
        limit: query.limit,
        categories: selectOptions(
          [
            { value: '', label: text.allCategories },
            ...categories.map((category) => ({ value: category.toLowerCase(), label: category })),
          ],
          query.category,
        ),
        availability: selectOptions(
          [
            { value: '', label: text.availabilityAll },
            { value: 'true', label: text.availabilityInStock },
            { value: 'false', label: text.availabilityOutOfStock },
          ],
          availability,
        ),
        sort: selectOptions(
          [
            { value: '', label: text.sortNone },
            { value: 'asc', label: text.sortAsc },
            { value: 'desc', label: text.sortDesc },
          ],
          query.sort,
        ),
        active: linkParams.length > 0,
      },
    });
  };

  product = async (req: Request, res: Response): Promise<void> => {
    const lang = res.locals.lang;
    const product = productView(lang, await this.deps.products.getById(parseId(req.params.pid)));
    res.render('product', { title: product.title, product, returnTo: req.originalUrl });
  };

  cart = async (req: Request, res: Response): Promise<void> => {
    const lang = res.locals.lang;
    const cart = cartView(lang, await this.deps.carts.getById(parseId(req.params.cid)));
    res.render('cart', { title: pageText(lang, 'cart.title'), cart });
  };

  realtimeProducts = async (_req: Request, res: Response): Promise<void> => {
    const lang = res.locals.lang;
    const products = await this.loadCatalogue();
    const texts = messagesFor(lang).pages;

    res.render('realtimeProducts', {
      title: texts.realtime.title,
      products: products.map((product) => productView(lang, product)),
      pageScript: 'realtime-products.js',
      usesSocket: true,
      clientTexts: { ...texts.realtime, product: texts.product, locale: texts.locale },
    });
  };

  chat = (_req: Request, res: Response): void => {
    const texts = messagesFor(res.locals.lang).pages;
    res.render('chat', {
      title: texts.chat.title,
      pageScript: 'chat.js',
      usesSocket: true,
      clientTexts: { ...texts.chat, locale: texts.locale },
    });
  };

  /** Adds to the shopper's cart, creating it and its cookie on the first add, then goes back. */
  addToCart = async (req: Request, res: Response): Promise<void> => {
    const lang = res.locals.lang;
    const body = formBody(req);
    const target = safeReturnPath(body.returnTo, '/products');
    const productId = parseId(req.params.pid);

    await this.withFlash(req, res, async () => {
      const { quantity } = parseWith(
        addToCartSchema,
        body.quantity === undefined ? {} : { quantity: body.quantity },
        lang,
      );
      const product = await this.deps.products.getById(productId);
      const cartId = res.locals.cartId ?? (await this.createShopperCart(req, res));
      await this.deps.carts.addProduct(cartId, productId, quantity);
      return pageText(lang, 'flash.added', { title: product.title });
    });
    res.redirect(303, target);
  };

  setQuantity = async (req: Request, res: Response): Promise<void> => {
    const [cartId, productId] = [parseId(req.params.cid), parseId(req.params.pid)];
    await this.withFlash(req, res, async () => {
      const { quantity } = parseWith(
        setQuantitySchema,
        { quantity: formBody(req).quantity },
        res.locals.lang,
      );
      await this.deps.carts.setQuantity(cartId, productId, quantity);
      return pageText(res.locals.lang, 'flash.updated');
    });
    res.redirect(303, `/carts/${cartId}`);
  };

  removeProduct = async (req: Request, res: Response): Promise<void> => {
    const [cartId, productId] = [parseId(req.params.cid), parseId(req.params.pid)];
    await this.withFlash(req, res, async () => {
      await this.deps.carts.removeProduct(cartId, productId);
      return pageText(res.locals.lang, 'flash.removed');
    });
    res.redirect(303, `/carts/${cartId}`);
  };

  clearCart = async (req: Request, res: Response): Promise<void> => {
    const cartId = parseId(req.params.cid);
    await this.withFlash(req, res, async () => {
      await this.deps.carts.clear(cartId);
      return pageText(res.locals.lang, 'flash.emptied');
    });
    res.redirect(303, `/carts/${cartId}`);
  };

  /** Rejects every path that no page route matched; the error handler renders the 404 page. */
  notFound = (req: Request): never => {
    throw new AppError('ROUTE_NOT_FOUND', {
      params: { method: req.method, path: (req.originalUrl.split('?')[0] ?? '').slice(0, 200) },
    });
  };

  /**
   * Renders the error page for a page request: 404 for unknown pages and records, a "bad page" page
   * with a link back for an invalid or out-of-range page number, 400 for other bad input, 500 otherwise.
   */
  renderErrorPage = (req: Request, res: Response, error: AppError): void => {
    const lang: Lang = res.locals.lang ?? 'es';
    const texts = messagesFor(lang).pages.errors;
    const isPageError =
      error.code === 'PAGE_OUT_OF_RANGE' ||
      (error.code === 'INVALID_QUERY' && (error.details ?? []).every((detail) => detail.path === 'page'));

    let view = 'errors/bad-request';
    let heading = texts.badRequestTitle;
    const links: { href: string; label: string }[] = [];
    if (error.status >= 500) {
      view = 'errors/server-error';
      heading = texts.serverErrorTitle;
    } else if (isPageError) {
      heading = texts.badPageTitle;
      const totalPages = Number(error.params.totalPages);
      if (error.code === 'PAGE_OUT_OF_RANGE' && totalPages > 1) {
        links.push({
          href: withPage(req, totalPages),
          label: pageText(lang, 'errors.lastPage', { page: totalPages }),
        });
      }
      links.push({ href: withPage(req, 1), label: texts.firstPage });
    } else if (error.code === 'INVALID_QUERY') {
      links.push({ href: req.path, label: texts.clearFilters });
    } else if (error.status === 404) {
      view = 'errors/not-found';
      heading = texts.notFoundTitle;
    }
    links.push({ href: '/', label: texts.home });

    res.status(error.status);
    res.render(
      view,
      {
        title: heading,
        heading,
        message: errorMessage(lang, error.code, error.params),
        details: error.status < 500 ? (error.details ?? []) : [],
        links,
      },
      (renderError: Error | null, html?: string) => {
        if (renderError) {
          (req.log ?? this.deps.logger).error({ err: renderError }, 'error page could not be rendered');
          res.type('text/plain').send(errorMessage(lang, error.code, error.params));
          return;
        }
        res.send(html);
      },
    );
  };

  private async createShopperCart(req: Request, res: Response): Promise<string> {
    const cart = await this.deps.carts.create();
    rememberCart(req, res, cart._id);
    return cart._id;
  }

  /**
   * Runs a form action and leaves its outcome as a notice for the page the browser goes back to. A
   * client error such as INSUFFICIENT_STOCK becomes an error notice; anything else propagates.
   */
  private async withFlash(req: Request, res: Response, action: () => Promise<string>): Promise<void> {
    try {
      setFlash(req, res, { kind: 'success', text: await action() });
    } catch (error) {
      if (!isAppError(error) || error.status >= 500 || error.code === 'INVALID_ID') throw error;
      const details = (error.details ?? []).map((detail) => `${detail.path}: ${detail.message}`);
      const text = [errorMessage(res.locals.lang, error.code, error.params), ...details].join(' ');
      setFlash(req, res, { kind: 'error', text });
    }
  }

  /** Loads the whole catalogue in pages, up to REALTIME_MAX_PAGES pages. */
  private async loadCatalogue(): Promise<Product[]> {
    const products: Product[] = [];
    for (let page = 1; page <= REALTIME_MAX_PAGES; page += 1) {
      const result = await this.deps.products.list(
        { limit: REALTIME_PAGE_SIZE, page },
        { basePath: '/realtimeproducts', linkParams: [] },
      );
      products.push(...result.docs);
      if (!result.hasNextPage) break;
    }
    return products;
  }
}
