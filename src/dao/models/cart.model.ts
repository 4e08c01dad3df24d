import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface CartLineDocument {
  product: Types.ObjectId;
  quantity: number;
}

export interface CartDocument {
  _id: Types.ObjectId;
  products: CartLineDocument[];
  createdAt: Date;
  updatedAt: Date;
}

const cartLineSchema = new Schema<CartLineDocument>(
  {
    product: { type: Schema.Types.ObjectId, ref: 'Product', required: true },
    quantity: { type: Number, required: true, min: 1 },
  },
  { _id: false },
);

const cartSchema = new Schema<CartDocument>(
  { products: { type: [cartLineSchema], default: [] } },
  { collection: 'carts', timestamps: true, versionKey: false },
);

// Serves the removal of a deleted product's lines from every cart.
cartSchema.index({ 'products.product': 1 });

export function cartModel(connection: Connection): Model<CartDocument> {
  return (
    (connection.models.Cart as Model<CartDocument> | undefined) ??
    connection.model<CartDocument>('Cart', cartSchema)
  );
}
