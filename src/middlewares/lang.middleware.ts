import type { RequestHandler } from 'express';
import { resolveLang, type Lang } from '../i18n/i18n.js';

declare global {
  // Express merges `Locals` into `res.locals`, which is how the request language reaches handlers and views.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      lang: Lang;
    }
  }
}

const LANG_COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Sets `res.locals.lang` from `?lang=`, the `lang` cookie or Accept-Language. An explicit `?lang=` on
 * a page is remembered in the cookie; API calls never set cookies.
 */
export function langMiddleware(): RequestHandler {
  return (req, res, next) => {
    const queryLang = typeof req.query.lang === 'string' ? req.query.lang : undefined;
    const cookies = (req as { cookies?: Record<string, unknown> }).cookies;
    const lang = resolveLang(queryLang, cookies?.lang, req.get('accept-language'));
    res.locals.lang = lang;

    if (queryLang === lang && cookies?.lang !== lang && !req.path.startsWith('/api/')) {
      res.cookie('lang', lang, { maxAge: LANG_COOKIE_MAX_AGE_MS, httpOnly: true, sameSite: 'lax' });
    }
    next();
  };
}
