import type { Store } from '../managers/manager.types.js';
import { demoCatalogue } from './demo.catalogue.js';

/** Loads the demo catalogue into an empty products collection; returns how many products it added. */
export async function seedDemoIfEmpty(store: Store): Promise<number> {
  if ((await store.products.count()) > 0) return 0;
  return seedDemo(store);
}

/** Resets the store to the demo catalogue: every product and cart is removed first; chat messages stay. */
export async function seedDemo(store: Store): Promise<number> {
  await store.carts.clear();
  await store.products.clear();

  const catalogue = demoCatalogue();
  for (const product of catalogue) await store.products.create(product);
  return catalogue.length;
}
