import type {
  CartLine,
  CartRecord,
  CartsManager,
  Product,
  ProductsManager,
} from '../dao/managers/manager.types.js';
import { ConflictError, NotFoundError } from '../errors/app.error.js';

export interface PopulatedLine {
  product: Product;
  quantity: number;
}

export interface Cart {
  _id: string;
  products: PopulatedLine[];
  total: number;
  createdAt: string;
  updatedAt: string;
}

/** Sums price × quantity in integer cents, so 0.1 + 0.2 + 19.99 is 20.29 and not 20.290000000000003. */
export function cartTotal(lines: readonly PopulatedLine[]): number {
  let cents = 0n;
  for (const line of lines) cents += BigInt(Math.round(line.product.price * 100)) * BigInt(line.quantity);
  return Number(cents) / 100;
}

export interface CartsServiceDeps {
  products: ProductsManager;
  carts: CartsManager;
}

export class CartsService {
  constructor(private readonly deps: CartsServiceDeps) {}

  async create(): Promise<Cart> {
    return this.populate(await this.deps.carts.create());
  }

  async getById(cartId: string): Promise<Cart> {
    return this.populate(await this.requireCart(cartId));
  }

  /** Adds units of a product; throws PRODUCT_UNAVAILABLE for a product that is not on sale. */
  async addProduct(cartId: string, productId: string, quantity: number): Promise<Cart> {
    await this.requireCart(cartId);
    const product = await this.requireProduct(productId);
    if (!product.status) throw new ConflictError('PRODUCT_UNAVAILABLE', { params: { id: productId } });

    return this.populate(await this.deps.carts.addToLine(cartId, productId, quantity, product.stock));
  }

  async setQuantity(cartId: string, productId: string, quantity: number): Promise<Cart> {
    await this.requireCart(cartId);
    const product = await this.requireProduct(productId);
    if (quantity > product.stock) {
      throw new ConflictError('INSUFFICIENT_STOCK', {
        params: { id: productId, stock: product.stock, requested: quantity },
      });
    }

    return this.populate(await this.deps.carts.setLineQuantity(cartId, productId, quantity));
  }

  async removeProduct(cartId: string, productId: string): Promise<Cart> {
    return this.populate(await this.deps.carts.removeLine(cartId, productId));
  }

  /** Replaces every line, merging repeated products by adding their quantities. */
  async replace(cartId: string, lines: readonly CartLine[]): Promise<Cart> {
    await this.requireCart(cartId);

    const merged = new Map<string, number>();
    for (const line of lines) merged.set(line.product, (merged.get(line.product) ?? 0) + line.quantity);

    const products = new Map(
      (await this.deps.products.getByIds([...merged.keys()])).map((product) => [product._id, product]),
    );
    for (const [productId, quantity] of merged) {
      const product = products.get(productId);
      if (!product) throw new NotFoundError('PRODUCT_NOT_FOUND', { params: { id: productId } });
      if (!product.status) throw new ConflictError('PRODUCT_UNAVAILABLE', { params: { id: productId } });
      if (quantity > product.stock) {
        throw new ConflictError('INSUFFICIENT_STOCK', {
          params: { id: productId, stock: product.stock, requested: quantity },
        });
      }
    }

    const replacement = [...merged].map(([product, quantity]) => ({ product, quantity }));
    return this.populate(await this.deps.carts.replaceLines(cartId, replacement));
  }

  async clear(cartId: string): Promise<Cart> {
    return this.populate(await this.deps.carts.replaceLines(cartId, []));
  }

  private async requireCart(cartId: string): Promise<CartRecord> {
    const cart = await this.deps.carts.getById(cartId);
    if (!cart) throw new NotFoundError('CART_NOT_FOUND', { params: { id: cartId } });
    return cart;
  }

  private async requireProduct(productId: string): Promise<Product> {
    const product = await this.deps.products.getById(productId);
    if (!product) throw new NotFoundError('PRODUCT_NOT_FOUND', { params: { id: productId } });
    return product;
  }

  /**
   * Joins each line with its product. A line whose product no longer exists is left out: deleting a
   * product removes its lines, but a crash between the two writes can leave one behind.
   */
  private async populate(cart: CartRecord): Promise<Cart> {
    const products = new Map(
      (await this.deps.products.getByIds(cart.products.map((line) => line.product))).map((p) => [p._id, p]),
    );
    const lines: PopulatedLine[] = [];
    for (const line of cart.products) {
      const product = products.get(line.product);
      if (product) lines.push({ product, quantity: line.quantity });
    }
    return {
      _id: cart._id,
      products: lines,
      total: cartTotal(lines),
      createdAt: cart.createdAt,
      updatedAt: cart.updatedAt,
    };
  }
}
