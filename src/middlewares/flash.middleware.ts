import type { Request, RequestHandler, Response } from 'express';

export type FlashKind = 'success' | 'error';

export interface Flash {
  kind: FlashKind;
  text: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** A one-time notice left by the form that redirected here. */
      flash?: Flash;
    }
  }
}

const FLASH_COOKIE = 'flash';
const MAX_FLASH_LENGTH = 500;

/** Leaves a notice for the page the browser is redirected to. That page shows it once. */
export function setFlash(req: Request, res: Response, flash: Flash): void {
  res.cookie(
    FLASH_COOKIE,
    { kind: flash.kind, text: flash.text.slice(0, MAX_FLASH_LENGTH) },
    {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
    },
  );
}

function isFlash(value: unknown): value is Flash {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, text } = value as Record<string, unknown>;
  return (
    (kind === 'success' || kind === 'error') && typeof text === 'string' && text.length <= MAX_FLASH_LENGTH
  );
}

/**
 * Moves the notice from the cookie into `res.locals.flash` and clears the cookie. The cookie is
 * client-controlled, so only its shape is trusted, and the views escape its text like any other.
 */
export function flashMiddleware(): RequestHandler {
  return (req, res, next) => {
    const cookies = (req as { cookies?: Record<string, unknown> }).cookies;
    const value = cookies?.[FLASH_COOKIE];
    if (value === undefined) return next();

    if (isFlash(value)) res.locals.flash = value;
    res.clearCookie(FLASH_COOKIE, { path: '/' });
    next();
  };
}
