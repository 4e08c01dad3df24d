import { Router } from 'express';
import { CartsController } from '../controllers/carts.controller.js';
import type { CartsService } from '../services/carts.service.js';

/** Line routes respond on both `/products/:pid` and the singular `/product/:pid` that courses use. */
const LINE_PATHS = ['/:cid/products/:pid', '/:cid/product/:pid'];

export function cartsRouter(service: CartsService): Router {
  const controller = new CartsController(service);
  return Router()
    .post('/', controller.create)
    .get('/:cid', controller.getById)
    .put('/:cid', controller.replace)
    .delete('/:cid', controller.clear)
    .post(LINE_PATHS, controller.addProduct)
    .put(LINE_PATHS, controller.setQuantity)
    .delete(LINE_PATHS, controller.removeProduct);
}
