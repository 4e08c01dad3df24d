import { z } from 'zod';
import type { ErrorCode, ErrorParams } from '../errors/app.error.js';
import { en } from './en.js';
import { es, type Messages } from './es.js';

export const LANGUAGES = ['es', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'es';

const catalogues: Record<Lang, Messages> = { es, en };
const zodErrorMaps = { es: z.locales.es().localeError, en: z.locales.en().localeError };

export function messagesFor(lang: Lang): Messages {
  return catalogues[lang];
}

export function zodErrorMapFor(lang: Lang): z.core.$ZodErrorMap {
  return zodErrorMaps[lang];
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the language of a request: an explicit `?lang=`, then the `lang` cookie, then the first
 * supported entry of Accept-Language, then Spanish.
 */
export function resolveLang(
  queryLang: unknown,
  cookieLang: unknown,
  acceptLanguage: string | undefined,
): Lang {
  if (isLang(queryLang)) return queryLang;
  if (isLang(cookieLang)) return cookieLang;
  if (acceptLanguage) {
    const preferred = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...attributes] = part.trim().split(';');
        const quality = attributes.find((a) => a.trim().startsWith('q='));
        return {
          base: tag.trim().toLowerCase().split('-')[0],
          q: quality ? Number(quality.trim().slice(2)) : 1,
        };
      })
      .filter((entry) => isLang(entry.base) && entry.q > 0)
      .sort((a, b) => b.q - a.q);
    const first = preferred[0]?.base;
    if (isLang(first)) return first;
  }
  return DEFAULT_LANG;
}

export function interpolate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    params[name] === undefined ? match : String(params[name]),
  );
}

export function errorMessage(lang: Lang, code: ErrorCode, params: ErrorParams): string {
  return interpolate(catalogues[lang].errors[code], params);
}
