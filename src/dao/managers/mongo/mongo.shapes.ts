import type { CartDocument } from '../../models/cart.model.js';
import type { MessageDocument } from '../../models/message.model.js';
import type { ProductDocument, ProductSearchKeys } from '../../models/product.model.js';
import type { CartRecord, Message, Product, ProductInput } from '../manager.types.js';
import { toCartRecord, toMessage, toProduct } from '../shapes.js';

/** Fields read back from the products collection: everything but the lower-cased search keys. */
export const PRODUCT_FIELDS = '-lowercase';

type LeanProduct = Omit<ProductDocument, 'lowercase'>;

export function productFromDocument(doc: LeanProduct): Product {
  return toProduct({
    ...doc,
    _id: doc._id.toHexString(),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  });
}

export function cartFromDocument(doc: CartDocument): CartRecord {
  return toCartRecord({
    _id: doc._id.toHexString(),
    products: doc.products.map((line) => ({ product: line.product.toHexString(), quantity: line.quantity })),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  });
}

export function messageFromDocument(doc: MessageDocument): Message {
  return toMessage({
    _id: doc._id.toHexString(),
    user: doc.user,
    message: doc.message,
    createdAt: doc.createdAt.toISOString(),
  });
}

/** Builds the lower-cased search keys of a product, with the same toLowerCase() as the file store. */
export function searchKeys(product: Pick<ProductInput, keyof ProductSearchKeys>): ProductSearchKeys {
  return {
    title: product.title.toLowerCase(),
    description: product.description.toLowerCase(),
    code: product.code.toLowerCase(),
    category: product.category.toLowerCase(),
  };
}
