import type { HelperOptions } from 'handlebars';
import type { ErrorParams } from '../errors/app.error.js';
import { interpolate, isLang, messagesFor, type Lang } from '../i18n/i18n.js';

type Formatters = { price: Intl.NumberFormat; number: Intl.NumberFormat };

/** One pair of formatters per language: building an Intl.NumberFormat costs far more than using one. */
const formatters = new Map<Lang, Formatters>();

function formattersFor(lang: Lang): Formatters {
  let pair = formatters.get(lang);
  if (!pair) {
    const locale = messagesFor(lang).pages.locale;
    pair = {
      price: new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: 'ARS',
        currencyDisplay: 'narrowSymbol',
      }),
      number: new Intl.NumberFormat(locale),
    };
    formatters.set(lang, pair);
  }
  return pair;
}

/** Formats an amount in Argentine pesos for the language: `$ 1.234,50` in Spanish, `$1,234.50` in English. */
export function formatPrice(lang: Lang, amount: number): string {
  return formattersFor(lang).price.format(amount);
}

export function formatNumber(lang: Lang, value: number): string {
  return formattersFor(lang).number.format(value);
}

/**
 * Looks up a dotted key such as `cart.total` in the page texts of `lang` and fills `{name}` placeholders.
 * A missing key is returned as is, so a typo shows on the page instead of an empty string.
 */
export function pageText(lang: Lang, key: string, params: ErrorParams = {}): string {
  let node: unknown = messagesFor(lang).pages;
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? interpolate(node, params) : key;
}

/** Reads the request language from the root context, where express-handlebars merges `res.locals`. */
function rootLang(options: HelperOptions): Lang {
  const lang: unknown = (options.data as { root?: { lang?: unknown } } | undefined)?.root?.lang;
  return isLang(lang) ? lang : 'es';
}

function hashParams(options: HelperOptions): ErrorParams {
  const params: ErrorParams = {};
  for (const [name, value] of Object.entries(options.hash as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  return params;
}

/**
 * The Handlebars helpers of every view. They return plain strings, which Handlebars escapes with
 * `{{ }}`, so a product title with markup is shown as text.
 */
export const viewHelpers = {
  /** `{{t "cart.total"}}` or `{{t "pagination.status" page=2 totalPages=5}}`. */
  t(key: unknown, options: HelperOptions): string {
    return pageText(rootLang(options), String(key), hashParams(options));
  },
  price(amount: unknown, options: HelperOptions): string {
    return typeof amount === 'number' ? formatPrice(rootLang(options), amount) : '';
  },
  number(value: unknown, options: HelperOptions): string {
    return typeof value === 'number' ? formatNumber(rootLang(options), value) : '';
  },
  /** Joins string arguments, for building a text key such as `language.en`. */
  concat(...args: unknown[]): string {
    return args
      .slice(0, -1)
      .map((part) => String(part))
      .join('');
  },
  eq(left: unknown, right: unknown): boolean {
    return left === right;
  },
  /** Serialises a value for a `data-` attribute; Handlebars escapes the quotes and the browser restores them. */
  json(value: unknown): string {
    return JSON.stringify(value ?? null);
  },
};
