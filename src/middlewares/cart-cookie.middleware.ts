import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import { isAppError } from '../errors/app.error.js';
import type { CartsService } from '../services/carts.service.js';
import { isObjectId } from '../utils/object-id.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The shopper's cart id from the `cartId` cookie, when that cart still exists. */
      cartId?: string;
      /** Units in the shopper's cart, shown in the page header. */
      cartCount?: number;
    }
  }
}

export const CART_COOKIE = 'cartId';
const CART_COOKIE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

function cartCookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: CART_COOKIE_MAX_AGE_MS, path: '/' };
}

export function rememberCart(req: Request, res: Response, cartId: string): void {
  res.cookie(CART_COOKIE, cartId, cartCookieOptions(req));
  res.locals.cartId = cartId;
}

/**
 * Reads the shopper's cart from the `cartId` cookie for the page header. A cookie naming a cart that no
 * longer exists (deleted, or a store that was reset) is cleared, so the next add creates a new cart.
 */
export function cartCookieMiddleware(carts: CartsService): RequestHandler {
  return async (req, res, next) => {
    const cookies = (req as { cookies?: Record<string, unknown> }).cookies;
    const cartId = cookies?.[CART_COOKIE];
    if (!isObjectId(cartId)) return next();

    try {
      const cart = await carts.getById(cartId);
      res.locals.cartId = cart._id;
      res.locals.cartCount = cart.products.reduce((sum, line) => sum + line.quantity, 0);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'CART_NOT_FOUND') throw error;
      res.clearCookie(CART_COOKIE, { path: '/' });
    }
    next();
  };
}
