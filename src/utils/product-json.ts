import type { Product } from '../dao/managers/manager.types.js';

/** JSON of frozen products by identity; a frozen product never changes, so its JSON never goes stale. */
const serialized = new WeakMap<Product, string>();

/**
 * Returns `JSON.stringify(product)`, cached for frozen products (the fs store hands out its frozen
 * records), so a product served many times is serialised once. Unfrozen ones are serialised each time.
 */
export function productJson(product: Product): string {
  if (!Object.isFrozen(product)) return JSON.stringify(product);

  let json = serialized.get(product);
  if (json === undefined) {
    json = JSON.stringify(product);
    serialized.set(product, json);
  }
  return json;
}

/**
 * Builds the JSON of a success envelope whose payload is a list of products, followed by the keys of
 * `extra` in order: the same text as `JSON.stringify({ status, payload, ...extra })`.
 */
export function productListEnvelopeJson(products: readonly Product[], extra: object): string {
  const payload = `{"status":"success","payload":[${products.map(productJson).join(',')}]`;
  const rest = JSON.stringify(extra);
  return rest === '{}' ? `${payload}}` : `${payload},${rest.slice(1)}`;
}

/** Builds the JSON of a success envelope whose payload is one product. */
export function productEnvelopeJson(product: Product): string {
  return `{"status":"success","payload":${productJson(product)}}`;
}
