import mongoose, { type Model, type Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../../../errors/app.error.js';
import type { CartDocument, CartLineDocument } from '../../models/cart.model.js';
import type { CartLine, CartRecord, CartsManager } from '../manager.types.js';
import { mapErrors, toObjectId } from './mongo.errors.js';
import { cartFromDocument } from './mongo.shapes.js';
import { KeyedQueue } from '../../../utils/keyed-queue.js';

const { trusted } = mongoose;

/**
 * How many times a line update is retried when the cart changed between the read and the conditional
 * write. This process queues its own writes per cart, so a retry means another app instance changed the
 * cart, and the bound is reached only by a cart that other instances keep rewriting.
 */
const MAX_ATTEMPTS = 20;

const AFTER = { returnDocument: 'after' } as const;

function lineIndex(cart: Pick<CartDocument, 'products'>, productId: Types.ObjectId): number {
  return cart.products.findIndex((line) => line.product.equals(productId));
}

/*
 * Line updates address the line by its position and make the write conditional on that position still
 * holding the product (and, for adds, on the new quantity staying within stock), so each write is one
 * atomic single-document update. When the condition fails, the cart is read again and the step is
 * retried. The usual `$elemMatch` plus positional `$` form is not used because FerretDB 1.24 rejects
 * both, and a position guard is just as atomic on MongoDB.
 */

/** Carts in the `carts` collection, with the same results and errors as the file store. */
/**
 * Every update is a single conditional update, atomic on MongoDB. This process also queues its own
 * writes per cart, because FerretDB 1.24 applies an update as read, change and write back without a
 * lock and loses concurrent updates to one document. With several app instances on FerretDB that
 * protection is gone; on MongoDB the conditional updates keep carts correct across instances.
 */
export class MongoCartsManager implements CartsManager {
  private readonly writes = new KeyedQueue();

  constructor(private readonly model: Model<CartDocument>) {}

  create(): Promise<CartRecord> {
    return mapErrors(async () => {
      const created = await this.model.create({ products: [] });
      return cartFromDocument(created.toObject());
    });
  }

  getById(id: string): Promise<CartRecord | null> {
    return mapErrors(async () => {
      const found = await this.model.findById(toObjectId(id)).lean<CartDocument>();
      return found ? cartFromDocument(found) : null;
    });
  }

  addToLine(cartId: string, productId: string, quantity: number, stock: number): Promise<CartRecord> {
    return this.writes.run(cartId, () => this.addToLineNow(cartId, productId, quantity, stock));
  }

  private addToLineNow(
    cartId: string,
    productId: string,
    quantity: number,
    stock: number,
  ): Promise<CartRecord> {
    return mapErrors(async () => {
      const cartOid = toObjectId(cartId);
      const productOid = toObjectId(productId);

      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const cart = await this.requireLines(cartOid, cartId);
        const index = lineIndex(cart, productOid);
        const current = index === -1 ? 0 : (cart.products[index] as CartLineDocument).quantity;
        const requested = current + quantity;
        if (requested > stock) {
          throw new ConflictError('INSUFFICIENT_STOCK', { params: { id: productId, stock, requested } });
        }

        const updated =
          index === -1
            ? // The guard makes a second concurrent first add miss, so it retries and takes the $inc path.
              await this.model
                .findOneAndUpdate(
                  { _id: cartOid, 'products.product': trusted({ $ne: productOid }) },
                  { $push: { products: { product: productOid, quantity } } },
                  AFTER,
                )
                .lean<CartDocument>()
            : await this.model
                .findOneAndUpdate(
                  {
                    _id: cartOid,
                    [`products.${index}.product`]: productOid,
                    [`products.${index}.quantity`]: trusted({ $lte: stock - quantity }),
                  },
                  { $inc: { [`products.${index}.quantity`]: quantity } },
                  AFTER,
                )
                .lean<CartDocument>();
        if (updated) return cartFromDocument(updated);
      }
      throw new Error(`Cart ${cartId} changed on every one of ${MAX_ATTEMPTS} attempts to add ${productId}`);
    });
  }

  setLineQuantity(cartId: string, productId: string, quantity: number): Promise<CartRecord> {
    return this.writes.run(cartId, () => this.setLineQuantityNow(cartId, productId, quantity));
  }

  private setLineQuantityNow(cartId: string, productId: string, quantity: number): Promise<CartRecord> {
    return mapErrors(async () => {
      const cartOid = toObjectId(cartId);
      const productOid = toObjectId(productId);

      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const index = lineIndex(await this.requireLines(cartOid, cartId), productOid);
        if (index === -1) throw new NotFoundError('PRODUCT_NOT_IN_CART', { params: { cartId, productId } });

        const updated = await this.model
          .findOneAndUpdate(
            { _id: cartOid, [`products.${index}.product`]: productOid },
            { $set: { [`products.${index}.quantity`]: quantity } },
            AFTER,
          )
          .lean<CartDocument>();
        if (updated) return cartFromDocument(updated);
      }
      throw new Error(`Cart ${cartId} changed on every one of ${MAX_ATTEMPTS} attempts to set ${productId}`);
    });
  }

  removeLine(cartId: string, productId: string): Promise<CartRecord> {
    return this.writes.run(cartId, () => this.removeLineNow(cartId, productId));
  }

  private removeLineNow(cartId: string, productId: string): Promise<CartRecord> {
    return mapErrors(async () => {
      const cartOid = toObjectId(cartId);
      const productOid = toObjectId(productId);

      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const cart = await this.requireLines(cartOid, cartId);
        const index = lineIndex(cart, productOid);
        if (index === -1) throw new NotFoundError('PRODUCT_NOT_IN_CART', { params: { cartId, productId } });

        const updated = await this.pullLine(cartOid, index, cart.products[index] as CartLineDocument);
        if (updated) return cartFromDocument(updated);
      }
      throw new Error(
        `Cart ${cartId} changed on every one of ${MAX_ATTEMPTS} attempts to remove ${productId}`,
      );
    });
  }

  replaceLines(cartId: string, lines: readonly CartLine[]): Promise<CartRecord> {
    return this.writes.run(cartId, () => this.replaceLinesNow(cartId, lines));
  }

  private replaceLinesNow(cartId: string, lines: readonly CartLine[]): Promise<CartRecord> {
    return mapErrors(async () => {
      const products = lines.map((line) => ({ product: toObjectId(line.product), quantity: line.quantity }));
      const updated = await this.model
        .findOneAndUpdate({ _id: toObjectId(cartId) }, { $set: { products } }, AFTER)
        .lean<CartDocument>();
      if (!updated) throw new NotFoundError('CART_NOT_FOUND', { params: { id: cartId } });
      return cartFromDocument(updated);
    });
  }

  /**
   * Removes the product's lines with one multi-document $pull, which is all it takes on MongoDB.
   * FerretDB 1.24 matches the $pull condition only against whole elements and leaves the lines in
   * place, so any cart that still holds a line is then fixed one by one with a guarded pull.
   */
  removeProductEverywhere(productId: string): Promise<void> {
    return mapErrors(async () => {
      const productOid = toObjectId(productId);
      await this.model.updateMany(
        { 'products.product': productOid },
        { $pull: { products: trusted({ product: productOid }) } },
      );

      const remaining = await this.model
        .find({ 'products.product': productOid }, { products: 1 })
        .lean<Pick<CartDocument, '_id' | 'products'>[]>();
      for (const cart of remaining) await this.pullEverywhereFrom(cart._id, productOid);
    });
  }

  clear(): Promise<void> {
    return mapErrors(async () => {
      await this.model.deleteMany({});
    });
  }

  importMany(carts: readonly CartRecord[]): Promise<void> {
    return mapErrors(async () => {
      if (carts.length === 0) return;
      await this.model.bulkWrite(
        carts.map((cart) => ({
          insertOne: {
            document: {
              _id: toObjectId(cart._id),
              products: cart.products.map((line) => ({
                product: toObjectId(line.product),
                quantity: line.quantity,
              })),
              createdAt: new Date(cart.createdAt),
              updatedAt: new Date(cart.updatedAt),
            },
          },
        })),
        { ordered: true, timestamps: false },
      );
    });
  }

  exportAll(): Promise<CartRecord[]> {
    return mapErrors(async () => {
      const found = await this.model.find({}).sort({ _id: 1 }).lean<CartDocument[]>();
      return found.map(cartFromDocument);
    });
  }

  count(): Promise<number> {
    return mapErrors(() => this.model.countDocuments({}));
  }

  private async requireLines(
    cartOid: Types.ObjectId,
    cartId: string,
  ): Promise<Pick<CartDocument, 'products'>> {
    const cart = await this.model.findById(cartOid, { products: 1 }).lean<Pick<CartDocument, 'products'>>();
    if (!cart) throw new NotFoundError('CART_NOT_FOUND', { params: { id: cartId } });
    return cart;
  }

  /**
   * Pulls exactly the line read at `index`, provided it is still there unchanged. The pull names both
   * fields, which FerretDB 1.24 needs to match the element and MongoDB treats as a condition.
   */
  private pullLine(
    cartOid: Types.ObjectId,
    index: number,
    line: CartLineDocument,
  ): Promise<CartDocument | null> {
    return this.model
      .findOneAndUpdate(
        {
          _id: cartOid,
          [`products.${index}.product`]: line.product,
          [`products.${index}.quantity`]: line.quantity,
        },
        { $pull: { products: trusted({ product: line.product, quantity: line.quantity }) } },
        AFTER,
      )
      .lean<CartDocument>();
  }

  private async pullEverywhereFrom(cartOid: Types.ObjectId, productOid: Types.ObjectId): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const cart = await this.model.findById(cartOid, { products: 1 }).lean<Pick<CartDocument, 'products'>>();
      const index = cart ? lineIndex(cart, productOid) : -1;
      if (!cart || index === -1) return;
      if (await this.pullLine(cartOid, index, cart.products[index] as CartLineDocument)) return;
    }
    throw new Error(
      `Cart ${cartOid.toHexString()} changed on every one of ${MAX_ATTEMPTS} attempts to remove a product`,
    );
  }
}
