import type { ErrorCode } from '../errors/app.error.js';

/** Spanish (es-AR) texts: the default language of the shop. */
export const es = {
  errors: {
    VALIDATION_ERROR: 'Los datos enviados no son válidos.',
    INVALID_ID: 'El id "{id}" no es válido: debe tener 24 caracteres hexadecimales.',
    INVALID_QUERY: 'Los parámetros de la consulta no son válidos.',
    MALFORMED_JSON: 'El cuerpo de la petición no es JSON válido.',
    PAYLOAD_TOO_LARGE: 'El cuerpo de la petición supera el máximo de {limit}.',
    UNSUPPORTED_MEDIA_TYPE: 'El tipo de contenido o la codificación de la petición no son compatibles.',
    ROUTE_NOT_FOUND: 'No existe la ruta {method} {path}.',
    PRODUCT_NOT_FOUND: 'No existe el producto {id}.',
    CART_NOT_FOUND: 'No existe el carrito {id}.',
    PRODUCT_NOT_IN_CART: 'El producto {productId} no está en el carrito {cartId}.',
    PAGE_OUT_OF_RANGE: 'La página {page} no existe: hay {totalPages} página(s).',
    CODE_ALREADY_EXISTS: 'Ya existe un producto con el código "{code}".',
    INSUFFICIENT_STOCK:
      'No hay stock suficiente del producto {id}: quedan {stock} unidad(es) y se pidieron {requested}.',
    PRODUCT_UNAVAILABLE: 'El producto {id} no está disponible para la venta.',
    RATE_LIMITED: 'Demasiadas peticiones. Probá de nuevo en {retryAfter} segundo(s).',
    STORE_UNAVAILABLE: 'El almacenamiento no responde. Probá de nuevo en unos segundos.',
    INTERNAL_ERROR: 'Ocurrió un error interno. Ya quedó registrado.',
  } satisfies Record<ErrorCode, string>,
  validation: {
    invalidId: 'Debe ser un id de 24 caracteres hexadecimales.',
    unknownKey: 'Campo desconocido.',
    duplicateParam: 'El parámetro aparece más de una vez.',
    nestedParam: 'Los parámetros anidados o con corchetes no están permitidos.',
    priceDecimals: 'El precio admite como máximo 2 decimales.',
    notNumber: 'Debe ser un número.',
    notInteger: 'Debe ser un número entero.',
    notBoolean: 'Debe ser true o false.',
    invalidSort: 'Debe ser asc o desc.',
    invalidShorthand:
      'Debe ser category:<nombre>, status:<true|false>, available:<true|false> o una categoría.',
    atLeastOneField: 'Indicá al menos un campo para actualizar.',
    invalidEmail: 'Debe ser un email válido.',
    productsList: 'Debe ser una lista de { product, quantity } o un objeto { products: [...] }.',
  },
};

export type Messages = typeof es;
