import type { Product } from '../dao/managers/manager.types.js';
import type { Lang } from '../i18n/i18n.js';
import type { Cart } from '../services/carts.service.js';
import type { ProductListResult } from '../services/products.service.js';
import { formatNumber, formatPrice, pageText } from './helpers.js';

/*
 * Plain objects handed to the templates. Controllers never pass store documents, so a view cannot
 * reach fields it should not show, and every number arrives already formatted for the language.
 */

export interface ProductView {
  id: string;
  url: string;
  title: string;
  description: string;
  code: string;
  category: string;
  price: number;
  priceText: string;
  stock: number;
  stockText: string;
  /** On sale and in stock, so it can be added to a cart. */
  purchasable: boolean;
  availabilityText: string;
  /** Availability and, when purchasable, the units in stock, such as "Disponible · 60 unidad(es)". */
  availabilityLine: string;
  stockClass: string;
  thumbnail: string | null;
  thumbnails: string[];
}

/** Accepts absolute http(s) URLs and same-site paths, so a `javascript:` or `data:` URL is never rendered. */
function isDisplayableImage(url: string): boolean {
  return (
    /^https?:\/\//i.test(url) || (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\'))
  );
}

export function productView(lang: Lang, product: Product): ProductView {
  const thumbnails = product.thumbnails.filter(isDisplayableImage);
  const purchasable = product.status && product.stock > 0;
  let availabilityKey = 'available';
  if (!product.status) availabilityKey = 'withdrawn';
  else if (product.stock <= 0) availabilityKey = 'soldOut';
  const availabilityText = pageText(lang, `product.${availabilityKey}`);
  const stockText = pageText(lang, 'product.stockUnits', { stock: formatNumber(lang, product.stock) });
  return {
    id: product._id,
    url: `/products/${product._id}`,
    title: product.title,
    description: product.description,
    code: product.code,
    category: product.category,
    price: product.price,
    priceText: formatPrice(lang, product.price),
    stock: product.stock,
    stockText,
    purchasable,
    availabilityText,
    availabilityLine: purchasable ? `${availabilityText} · ${stockText}` : availabilityText,
    stockClass: purchasable ? 'product-stock' : 'product-stock is-unavailable',
    thumbnail: thumbnails[0] ?? null,
    thumbnails,
  };
}

export interface PaginationView {
  page: number;
  totalPages: number;
  totalDocs: number;
  statusText: string;
  totalText: string;
  prevLink: string | null;
  nextLink: string | null;
}

export function paginationView(lang: Lang, result: ProductListResult): PaginationView {
  return {
    page: result.page,
    totalPages: result.totalPages,
    totalDocs: result.totalDocs,
    statusText: pageText(lang, 'pagination.status', {
      page: formatNumber(lang, result.page),
      totalPages: formatNumber(lang, result.totalPages),
    }),
    totalText: pageText(lang, 'pagination.total', { totalDocs: formatNumber(lang, result.totalDocs) }),
    prevLink: result.prevLink,
    nextLink: result.nextLink,
  };
}

export interface CartLineView {
  product: ProductView;
  quantity: number;
  subtotalText: string;
  quantityLabel: string;
  removeLabel: string;
  /** Set when the line can no longer be bought as it is: the product was withdrawn or its stock fell. */
  warning: string | null;
}

export interface CartView {
  id: string;
  lines: CartLineView[];
  isEmpty: boolean;
  itemCount: number;
  totalText: string;
}

/** Sums price × quantity in integer cents, as the cart total does, so subtotals add up to the total. */
function lineSubtotal(price: number, quantity: number): number {
  return Number(BigInt(Math.round(price * 100)) * BigInt(quantity)) / 100;
}

export function cartView(lang: Lang, cart: Cart): CartView {
  const lines = cart.products.map((line) => {
    const product = productView(lang, line.product);
    return {
      product,
      quantity: line.quantity,
      subtotalText: formatPrice(lang, lineSubtotal(line.product.price, line.quantity)),
      quantityLabel: pageText(lang, 'cart.quantityFor', { title: product.title }),
      removeLabel: pageText(lang, 'cart.removeProduct', { title: product.title }),
      warning: !line.product.status
        ? pageText(lang, 'cart.lineUnavailable', {})
        : line.quantity > line.product.stock
          ? pageText(lang, 'cart.lineOverStock', { stock: formatNumber(lang, line.product.stock) })
          : null,
    };
  });
  return {
    id: cart._id,
    lines,
    isEmpty: lines.length === 0,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    totalText: formatPrice(lang, cart.total),
  };
}

export interface SelectOption {
  value: string;
  label: string;
  selected: boolean;
}

export function selectOptions(
  choices: readonly { value: string; label: string }[],
  current: string | undefined,
): SelectOption[] {
  return choices.map((choice) => ({ ...choice, selected: choice.value === (current ?? '') }));
}
