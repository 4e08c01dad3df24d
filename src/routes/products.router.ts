import { Router } from 'express';
import { ProductsController } from '../controllers/products.controller.js';
import type { ProductsService } from '../services/products.service.js';

export function productsRouter(service: ProductsService): Router {
  const controller = new ProductsController(service);
  return Router()
    .get('/', controller.list)
    .post('/', controller.create)
    .get('/:pid', controller.getById)
    .put('/:pid', controller.update)
    .delete('/:pid', controller.delete);
}
