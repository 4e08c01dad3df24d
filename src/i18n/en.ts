import type { Messages } from './es.js';

/** English texts, served with `?lang=en` or `Accept-Language: en`. */
export const en: Messages = {
  errors: {
    VALIDATION_ERROR: 'The submitted data is not valid.',
    INVALID_ID: 'The id "{id}" is not valid: it must be 24 hexadecimal characters.',
    INVALID_QUERY: 'The query parameters are not valid.',
    MALFORMED_JSON: 'The request body is not valid JSON.',
    PAYLOAD_TOO_LARGE: 'The request body exceeds the maximum of {limit}.',
    UNSUPPORTED_MEDIA_TYPE: 'The content type or encoding of the request is not supported.',
    ROUTE_NOT_FOUND: 'There is no route {method} {path}.',
    PRODUCT_NOT_FOUND: 'Product {id} not found.',
    CART_NOT_FOUND: 'Cart {id} not found.',
    PRODUCT_NOT_IN_CART: 'Product {productId} is not in cart {cartId}.',
    PAGE_OUT_OF_RANGE: 'Page {page} does not exist: there are {totalPages} page(s).',
    CODE_ALREADY_EXISTS: 'A product with code "{code}" already exists.',
    INSUFFICIENT_STOCK: 'Not enough stock of product {id}: {stock} unit(s) left and {requested} requested.',
    PRODUCT_UNAVAILABLE: 'Product {id} is not available for sale.',
    RATE_LIMITED: 'Too many requests. Try again in {retryAfter} second(s).',
    STORE_UNAVAILABLE: 'The store is not responding. Try again in a few seconds.',
    INTERNAL_ERROR: 'An internal error occurred. It has been logged.',
  },
  validation: {
    invalidId: 'Must be an id of 24 hexadecimal characters.',
    unknownKey: 'Unknown field.',
    duplicateParam: 'The parameter is given more than once.',
    nestedParam: 'Nested or bracketed parameters are not allowed.',
    priceDecimals: 'The price allows at most 2 decimals.',
    notNumber: 'Must be a number.',
    notInteger: 'Must be an integer.',
    notBoolean: 'Must be true or false.',
    invalidSort: 'Must be asc or desc.',
    invalidShorthand: 'Must be category:<name>, status:<true|false>, available:<true|false> or a category.',
    atLeastOneField: 'Give at least one field to update.',
    invalidEmail: 'Must be a valid email.',
    productsList: 'Must be a list of { product, quantity } or an object { products: [...] }.',
  },
};
