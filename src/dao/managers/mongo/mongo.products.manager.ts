import mongoose, { type Model, type SortOrder } from 'mongoose';
import { ConflictError, NotFoundError } from '../../../errors/app.error.js';
import type { ProductDocument } from '../../models/product.model.js';
import type {
  Product,
  ProductInput,
  ProductPage,
  ProductPatch,
  ProductQuery,
  ProductsManager,
} from '../manager.types.js';
import { mapErrors, toObjectId } from './mongo.errors.js';
import { PRODUCT_FIELDS, productFromDocument, searchKeys } from './mongo.shapes.js';

const { trusted } = mongoose;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Translates a validated list query into a filter with the file store's semantics. Operators are marked
 * trusted because sanitizeFilter would otherwise neutralise them. Every value in them comes from the
 * validated query, never from a raw request object.
 */
function listFilter(query: ProductQuery): mongoose.QueryFilter<ProductDocument> {
  const conditions: mongoose.QueryFilter<ProductDocument>[] = [];
  if (query.category !== undefined) conditions.push({ 'lowercase.category': query.category });
  if (query.status !== undefined) conditions.push({ status: query.status });
  if (query.available === true) conditions.push({ status: true, stock: trusted({ $gt: 0 }) });
  if (query.available === false) {
    conditions.push({ $or: [{ status: false }, { stock: trusted({ $lte: 0 }) }] });
  }
  if (query.q !== undefined) {
    const pattern = new RegExp(escapeRegex(query.q.toLowerCase()));
    conditions.push({
      $or: [
        { 'lowercase.title': pattern },
        { 'lowercase.description': pattern },
        { 'lowercase.code': pattern },
      ],
    });
  }
  return conditions.length === 0 ? {} : { $and: conditions };
}

function listSort(query: ProductQuery): Record<string, SortOrder> {
  if (query.sort === 'asc') return { price: 1, _id: 1 };
  if (query.sort === 'desc') return { price: -1, _id: 1 };
  return { _id: 1 };
}

/** Products in the `products` collection, with the same results, order and errors as the file store. */
export class MongoProductsManager implements ProductsManager {
  constructor(private readonly model: Model<ProductDocument>) {}

  list(query: ProductQuery): Promise<ProductPage> {
    return mapErrors(async () => {
      const filter = listFilter(query);
      const skip = (query.page - 1) * query.limit;

      const totalDocs = await this.model.countDocuments(filter);
      if (skip >= totalDocs) return { docs: [], totalDocs };

      const found = await this.model
        .find(filter, PRODUCT_FIELDS)
        .sort(listSort(query))
        .skip(skip)
        .limit(query.limit)
        .lean<ProductDocument[]>();
      return { docs: found.map(productFromDocument), totalDocs };
    });
  }

  getById(id: string): Promise<Product | null> {
    return mapErrors(async () => {
      const found = await this.model.findById(toObjectId(id), PRODUCT_FIELDS).lean<ProductDocument>();
      return found ? productFromDocument(found) : null;
    });
  }

  getByIds(ids: readonly string[]): Promise<Product[]> {
    return mapErrors(async () => {
      if (ids.length === 0) return [];
      const objectIds = [...new Set(ids)].map(toObjectId);
      const found = await this.model
        .find({ _id: trusted({ $in: objectIds }) }, PRODUCT_FIELDS)
        .lean<ProductDocument[]>();
      return found.map(productFromDocument);
    });
  }

  /**
   * Returns one spelling per category, compared case-insensitively. Where several spellings exist, the
   * one of the oldest product wins, as in the file store. FerretDB 1.24 implements neither $first nor
   * $min in $group, so the spellings come from `distinct` and only ambiguous ones cost one more query.
   */
  listCategories(): Promise<string[]> {
    return mapErrors(async () => {
      const spellings = (await this.model.distinct('category')) as string[];
      const byKey = new Map<string, string[]>();
      for (const spelling of spellings) {
        const key = spelling.toLowerCase();
        byKey.set(key, [...(byKey.get(key) ?? []), spelling]);
      }

      const categories: string[] = [];
      for (const [key, variants] of byKey) {
        if (variants.length === 1) {
          categories.push(variants[0] as string);
          continue;
        }
        const oldest = await this.model
          .findOne({ 'lowercase.category': key }, { category: 1 })
          .sort({ _id: 1 })
          .lean<Pick<ProductDocument, 'category'>>();
        categories.push(oldest?.category ?? (variants[0] as string));
      }
      return categories.sort((a, b) => a.localeCompare(b, 'es', { sensitivity: 'base' }));
    });
  }

  create(input: ProductInput): Promise<Product> {
    return mapErrors(
      async () => {
        const created = await this.model.create({ ...input, lowercase: searchKeys(input) });
        return productFromDocument(created.toObject());
      },
      { code: input.code },
    );
  }

  update(id: string, patch: ProductPatch): Promise<Product> {
    return mapErrors(
      async () => {
        const changes: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          changes[field] = value;
          if (field === 'title' || field === 'description' || field === 'code' || field === 'category') {
            changes[`lowercase.${field}`] = (value as string).toLowerCase();
          }
        }

        const oid = toObjectId(id);
        if (patch.code !== undefined) await this.rejectCodeOfAnotherProduct(oid, patch.code);

        const updated = await this.model
          .findOneAndUpdate({ _id: oid }, { $set: changes }, { returnDocument: 'after', runValidators: true })
          .lean<ProductDocument>();
        if (!updated) throw new NotFoundError('PRODUCT_NOT_FOUND', { params: { id } });
        return productFromDocument(updated);
      },
      patch.code === undefined ? {} : { code: patch.code },
    );
  }

  delete(id: string): Promise<Product> {
    return mapErrors(async () => {
      const deleted = await this.model.findOneAndDelete({ _id: toObjectId(id) }).lean<ProductDocument>();
      if (!deleted) throw new NotFoundError('PRODUCT_NOT_FOUND', { params: { id } });
      return productFromDocument(deleted);
    });
  }

  count(): Promise<number> {
    return mapErrors(() => this.model.countDocuments({}));
  }

  clear(): Promise<void> {
    return mapErrors(async () => {
      await this.model.deleteMany({});
    });
  }

  /**
   * Inserts products with their ids and timestamps. Like the file store, it inserts nothing when an id
   * or a code is already taken, reporting the first such code.
   */
  importMany(products: readonly Product[]): Promise<void> {
    return mapErrors(async () => {
      if (products.length === 0) return;
      await this.rejectTakenIdsOrCodes(products);

      await this.model.bulkWrite(
        products.map((product) => ({
          insertOne: {
            document: {
              ...product,
              _id: toObjectId(product._id),
              lowercase: searchKeys(product),
              createdAt: new Date(product.createdAt),
              updatedAt: new Date(product.updatedAt),
            },
          },
        })),
        { ordered: true, timestamps: false },
      );
    });
  }

  exportAll(): Promise<Product[]> {
    return mapErrors(async () => {
      const found = await this.model.find({}, PRODUCT_FIELDS).sort({ _id: 1 }).lean<ProductDocument[]>();
      return found.map(productFromDocument);
    });
  }

  /**
   * Checks the new code before the update. The unique index still decides a race, and MongoDB then
   * reports a duplicate key, mapped to the same error. FerretDB 1.24 reports that violation inside
   * findAndModify as a generic error (code 1), so without this check a duplicate would be a 500 there.
   */
  private async rejectCodeOfAnotherProduct(oid: mongoose.Types.ObjectId, code: string): Promise<void> {
    const holder = await this.model.findOne({ code }, { _id: 1 }).lean<Pick<ProductDocument, '_id'>>();
    if (holder && !holder._id.equals(oid)) {
      throw new ConflictError('CODE_ALREADY_EXISTS', { params: { code } });
    }
  }

  private async rejectTakenIdsOrCodes(products: readonly Product[]): Promise<void> {
    const seenIds = new Set<string>();
    const seenCodes = new Set<string>();
    for (const product of products) {
      if (seenIds.has(product._id) || seenCodes.has(product.code)) {
        throw new ConflictError('CODE_ALREADY_EXISTS', { params: { code: product.code } });
      }
      seenIds.add(product._id);
      seenCodes.add(product.code);
    }

    const taken = await this.model
      .find(
        {
          $or: [
            { _id: trusted({ $in: [...seenIds].map(toObjectId) }) },
            { code: trusted({ $in: [...seenCodes] }) },
          ],
        },
        { code: 1 },
      )
      .lean<Pick<ProductDocument, '_id' | 'code'>[]>();
    const takenIds = new Set(taken.map((doc) => doc._id.toHexString()));
    const takenCodes = new Set(taken.map((doc) => doc.code));
    const first = products.find((product) => takenIds.has(product._id) || takenCodes.has(product.code));
    if (first) throw new ConflictError('CODE_ALREADY_EXISTS', { params: { code: first.code } });
  }
}
