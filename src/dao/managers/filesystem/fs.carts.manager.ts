import { ConflictError, NotFoundError } from '../../../errors/app.error.js';
import { newObjectId } from '../../../utils/object-id.js';
import type { CartLine, CartRecord, CartsManager } from '../manager.types.js';
import { toCartRecord } from '../shapes.js';
import { DurableJsonFile } from './json.file.js';

/**
 * Carts held in memory and written through to `carts.json`. Each mutation runs synchronously on the
 * in-memory state before the first `await`, so concurrent requests are applied one after the other.
 */
export class FsCartsManager implements CartsManager {
  private readonly carts = new Map<string, CartRecord>();
  private readonly file: DurableJsonFile;

  constructor(file: string, initial: readonly CartRecord[]) {
    this.file = new DurableJsonFile(file, () => JSON.stringify([...this.carts.values()]));
    for (const cart of initial) this.carts.set(cart._id, cart);
  }

  async create(): Promise<CartRecord> {
    const now = new Date().toISOString();
    const cart: CartRecord = { _id: newObjectId(), products: [], createdAt: now, updatedAt: now };
    this.carts.set(cart._id, cart);

    await this.file.commit();
    return toCartRecord(cart);
  }

  async getById(id: string): Promise<CartRecord | null> {
    const cart = this.carts.get(id);
    return cart ? toCartRecord(cart) : null;
  }

  async addToLine(cartId: string, productId: string, quantity: number, stock: number): Promise<CartRecord> {
    const cart = this.require(cartId);
    const line = cart.products.find((candidate) => candidate.product === productId);
    const requested = (line?.quantity ?? 0) + quantity;
    if (requested > stock) {
      throw new ConflictError('INSUFFICIENT_STOCK', { params: { id: productId, stock, requested } });
    }

    const products = line
      ? cart.products.map((candidate) =>
          candidate === line ? { product: productId, quantity: requested } : candidate,
        )
      : [...cart.products, { product: productId, quantity }];
    return this.save(cart, products);
  }

  async setLineQuantity(cartId: string, productId: string, quantity: number): Promise<CartRecord> {
    const cart = this.require(cartId);
    if (!cart.products.some((line) => line.product === productId)) {
      throw new NotFoundError('PRODUCT_NOT_IN_CART', { params: { cartId, productId } });
    }

    const products = cart.products.map((line) =>
      line.product === productId ? { product: productId, quantity } : line,
    );
    return this.save(cart, products);
  }

  async removeLine(cartId: string, productId: string): Promise<CartRecord> {
    const cart = this.require(cartId);
    if (!cart.products.some((line) => line.product === productId)) {
      throw new NotFoundError('PRODUCT_NOT_IN_CART', { params: { cartId, productId } });
    }

    return this.save(
      cart,
      cart.products.filter((line) => line.product !== productId),
    );
  }

  async replaceLines(cartId: string, lines: readonly CartLine[]): Promise<CartRecord> {
    const cart = this.require(cartId);
    return this.save(
      cart,
      lines.map((line) => ({ product: line.product, quantity: line.quantity })),
    );
  }

  async removeProductEverywhere(productId: string): Promise<void> {
    let changed = false;
    const now = new Date().toISOString();
    for (const cart of this.carts.values()) {
      if (!cart.products.some((line) => line.product === productId)) continue;
      this.carts.set(cart._id, {
        ...cart,
        products: cart.products.filter((line) => line.product !== productId),
        updatedAt: now,
      });
      changed = true;
    }
    if (changed) await this.file.commit();
  }

  async clear(): Promise<void> {
    this.carts.clear();
    await this.file.commit();
  }

  async importMany(carts: readonly CartRecord[]): Promise<void> {
    for (const cart of carts) this.carts.set(cart._id, toCartRecord(cart));
    await this.file.commit();
  }

  async exportAll(): Promise<CartRecord[]> {
    return [...this.carts.values()].map(toCartRecord);
  }

  async count(): Promise<number> {
    return this.carts.size;
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  private require(cartId: string): CartRecord {
    const cart = this.carts.get(cartId);
    if (!cart) throw new NotFoundError('CART_NOT_FOUND', { params: { id: cartId } });
    return cart;
  }

  private async save(cart: CartRecord, products: CartLine[]): Promise<CartRecord> {
    const updated: CartRecord = { ...cart, products, updatedAt: new Date().toISOString() };
    this.carts.set(cart._id, updated);

    await this.file.commit();
    return toCartRecord(updated);
  }
}
