import type { CartLine, CartRecord, Message, Product } from './manager.types.js';

/*
 * Both stores build their results through these functions, so the keys come out in one order and
 * JSON responses are identical whichever store produced them.
 */

export function toProduct(source: Product): Product {
  return {
    _id: source._id,
    title: source.title,
    description: source.description,
    code: source.code,
    price: source.price,
    status: source.status,
    stock: source.stock,
    category: source.category,
    thumbnails: [...source.thumbnails],
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}

export function toCartRecord(source: CartRecord): CartRecord {
  return {
    _id: source._id,
    products: source.products.map((line: CartLine) => ({ product: line.product, quantity: line.quantity })),
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}

export function toMessage(source: Message): Message {
  return { _id: source._id, user: source.user, message: source.message, createdAt: source.createdAt };
}
