import {
  clearFieldErrors,
  connectSocket,
  element,
  formatNumber,
  formatPrice,
  interpolate,
  readTexts,
  request,
  showFieldErrors,
} from './script.js';

const SYNC_PAGE_SIZE = 100;
const SYNC_MAX_PAGES = 10;

const root = document.querySelector('.realtime');
const texts = readTexts(root);
const locale = texts.locale ?? document.documentElement.lang;
const list = root.querySelector('[data-live-products]');
const emptyNotice = root.querySelector('[data-empty]');
const form = document.getElementById('create-product');
const formNotice = form.querySelector('[data-form-notice]');

/** Rows by product id, in `_id` order like the server's list. */
const rows = new Map();
for (const row of list.querySelectorAll('[data-product-id]')) rows.set(row.dataset.productId, row);

function stockText(product) {
  if (!product.status) return texts.product.withdrawn;
  if (product.stock <= 0) return texts.product.soldOut;
  return interpolate(texts.product.stockUnits, { stock: formatNumber(locale, product.stock) });
}

function renderRow(product) {
  const deleteButton = element('button', {
    className: 'button button-danger',
    text: texts.delete,
    attributes: {
      type: 'button',
      'data-delete': product._id,
      'aria-label': interpolate(texts.deleteProduct, { title: product.title }),
    },
  });
  return element('li', { className: 'live-product', attributes: { 'data-product-id': product._id } }, [
    element('div', { className: 'live-product-main' }, [
      element('span', { className: 'product-title', text: product.title }),
      element('span', { className: 'muted', text: `${product.code} · ${product.category}` }),
    ]),
    element('span', { className: 'product-price', text: formatPrice(locale, product.price) }),
    element('span', { className: 'product-stock', text: stockText(product) }),
    deleteButton,
  ]);
}

function updateEmptyNotice() {
  emptyNotice.hidden = rows.size > 0;
}

/** Inserts or replaces the row of a product, keeping `_id` order (ids grow with creation time). */
function upsert(product) {
  const row = renderRow(product);
  const existing = rows.get(product._id);
  if (existing) {
    existing.replaceWith(row);
  } else {
    const next = [...rows.keys()].find((id) => id > product._id);
    list.insertBefore(row, next ? rows.get(next) : null);
  }
  rows.set(product._id, row);
  updateEmptyNotice();
}

function remove(id) {
  rows.get(id)?.remove();
  rows.delete(id);
  updateEmptyNotice();
}

/*
 * While a re-sync is loading, live events are queued and replayed on top of the fresh list, so a
 * change that lands between the fetch and the redraw is not lost.
 */
let pendingEvents = null;

function apply(kind, payload) {
  if (pendingEvents) {
    pendingEvents.push([kind, payload]);
    return;
  }
  if (kind === 'deleted') remove(payload._id);
  else upsert(payload);
}

async function fetchCatalogue() {
  const products = [];
  for (let page = 1; page <= SYNC_MAX_PAGES; page += 1) {
    const response = await fetch(`/api/products?limit=${SYNC_PAGE_SIZE}&page=${page}`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`GET /api/products failed with ${response.status}`);
    const body = await response.json();
    products.push(...body.payload);
    if (!body.hasNextPage) break;
  }
  return products;
}

/** Reloads the whole list from the API: after the first connection and after every reconnection. */
async function resync() {
  pendingEvents = [];
  try {
    const products = await fetchCatalogue();
    for (const row of rows.values()) row.remove();
    rows.clear();
    for (const product of products) upsert(product);
    root.dataset.synced = 'true';
    root.dataset.syncCount = String(Number(root.dataset.syncCount ?? 0) + 1);
  } catch {
    showNotice(texts.syncFailed, 'error');
  } finally {
    const queued = pendingEvents;
    pendingEvents = null;
    for (const [kind, payload] of queued) apply(kind, payload);
  }
}

const socket = connectSocket({
  statusElement: root.querySelector('[data-connection-status]'),
  texts,
  onConnect: () => void resync(),
});
socket.on('product:created', (product) => apply('created', product));
socket.on('product:updated', (product) => apply('updated', product));
socket.on('product:deleted', (deleted) => apply('deleted', deleted));

function showNotice(text, kind) {
  formNotice.textContent = text;
  formNotice.className = `notice notice-${kind}`;
  formNotice.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  formNotice.hidden = false;
}

function optional(value) {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Builds the product body from the form; the server validates it with the same schema as the API. */
function readForm() {
  const data = new window.FormData(form);
  const thumbnails = String(data.get('thumbnails') ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return {
    title: optional(String(data.get('title') ?? '')),
    description: optional(String(data.get('description') ?? '')),
    code: optional(String(data.get('code') ?? '')),
    price: optional(String(data.get('price') ?? '')),
    stock: optional(String(data.get('stock') ?? '')),
    category: optional(String(data.get('category') ?? '')),
    status: data.get('status') === 'on',
    thumbnails,
  };
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  formNotice.hidden = true;
  const submit = form.querySelector('[type="submit"]');
  submit.disabled = true;

  const response = await request(socket, 'product:create', readForm());
  submit.disabled = false;
  if (response.status === 'success') {
    upsert(response.payload);
    form.reset();
    showNotice(interpolate(texts.created, { title: response.payload.title }), 'success');
    return;
  }

  const { code, message, details = [] } = response.error;
  if (code === 'CODE_ALREADY_EXISTS') {
    showFieldErrors(form, [{ path: 'code', message }]);
  } else {
    const unmatched = showFieldErrors(form, details);
    const extra = unmatched.map((detail) => `${detail.path}: ${detail.message}`);
    showNotice([message, ...extra].join(' '), 'error');
  }
  form.querySelector('[aria-invalid="true"]')?.focus();
});

list.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-delete]');
  if (!button) return;
  button.disabled = true;

  const response = await request(socket, 'product:delete', { _id: button.dataset.delete });
  if (response.status === 'success') {
    remove(response.payload._id);
    showNotice(texts.deleted, 'success');
  } else {
    button.disabled = false;
    showNotice(response.error.message, 'error');
  }
});
