import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** Lower-cased copies of the fields that the product list matches case-insensitively. */
export interface ProductSearchKeys {
  title: string;
  description: string;
  code: string;
  category: string;
}

export interface ProductDocument {
  _id: Types.ObjectId;
  title: string;
  description: string;
  code: string;
  price: number;
  status: boolean;
  stock: number;
  category: string;
  thumbnails: string[];
  lowercase: ProductSearchKeys;
  createdAt: Date;
  updatedAt: Date;
}

/*
 * `lowercase` contains the fields lower-cased with JavaScript's toLowerCase(), the same function the file
 * store compares with, so both stores agree on every Unicode case mapping. A regex with the `i` flag
 * or $toLower would follow the server's own case rules instead, and could not use an index.
 */
const productSchema = new Schema<ProductDocument>(
  {
    title: { type: String, required: true },
    description: { type: String, required: true },
    code: { type: String, required: true },
    price: { type: Number, required: true, min: 0 },
    status: { type: Boolean, required: true, default: true },
    stock: { type: Number, required: true, min: 0 },
    category: { type: String, required: true },
    thumbnails: { type: [String], default: [] },
    lowercase: {
      title: { type: String, required: true },
      description: { type: String, required: true },
      code: { type: String, required: true },
      category: { type: String, required: true },
    },
  },
  { collection: 'products', timestamps: true, versionKey: false },
);

productSchema.index({ code: 1 }, { unique: true });
// Price sorts break ties by `_id` ascending in both directions, so each direction gets its own index.
productSchema.index({ price: 1, _id: 1 });
productSchema.index({ price: -1, _id: 1 });
productSchema.index({ 'lowercase.category': 1, price: 1, _id: 1 });
productSchema.index({ status: 1, stock: 1 });

export function productModel(connection: Connection): Model<ProductDocument> {
  return (
    (connection.models.Product as Model<ProductDocument> | undefined) ??
    connection.model<ProductDocument>('Product', productSchema)
  );
}
