// Shared helpers of the storefront pages. Page modules import these; user text is only ever inserted
// with textContent or as DOM nodes, never as HTML.

const ACK_TIMEOUT_MS = 10_000;

/** Reads the page texts that the server put in the element's `data-texts` attribute as JSON. */
export function readTexts(root) {
  try {
    return JSON.parse(root.dataset.texts ?? '{}');
  } catch {
    return {};
  }
}

/** Fills `{name}` placeholders of a text with `params`. */
export function interpolate(template, params = {}) {
  return String(template ?? '').replace(/\{(\w+)\}/g, (match, name) =>
    params[name] === undefined ? match : String(params[name]),
  );
}

/** Formats an amount in pesos as the server does: `$ 1.234,50` in es-AR. */
export function formatPrice(locale, amount) {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'ARS',
    currencyDisplay: 'narrowSymbol',
  }).format(amount);
}

export function formatNumber(locale, value) {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatDateTime(locale, iso) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * Creates an element. `text` becomes its textContent, `attributes` are set with setAttribute, and
 * `children` are appended as nodes, so no argument is ever parsed as HTML.
 */
export function element(tag, { className, text, attributes = {} } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

/**
 * Connects to the server's Socket.io endpoint with the page language for error messages. Socket.io
 * reconnects by itself; `onConnect` runs on the first connection and after every reconnection, which
 * is where a page re-syncs what it shows.
 */
export function connectSocket({ statusElement, texts, onConnect }) {
  const socket = window.io({ auth: { lang: document.documentElement.lang } });
  socket.on('connect', () => {
    if (statusElement) {
      statusElement.textContent = '';
      statusElement.classList.remove('is-offline');
    }
    onConnect?.();
  });
  socket.on('disconnect', () => {
    if (statusElement) {
      statusElement.textContent = texts.disconnected ?? '';
      statusElement.classList.add('is-offline');
    }
  });
  return socket;
}

/**
 * Emits an event and resolves with the acknowledgement envelope. A timeout or lost connection
 * resolves with an error envelope too, so callers handle one shape.
 */
export async function request(socket, event, payload) {
  try {
    return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  } catch {
    return {
      status: 'error',
      error: { code: 'TIMEOUT', message: window.navigator.onLine ? 'Timeout' : 'Offline' },
    };
  }
}

/** Clears the messages of every `[data-error-for]` element in `form`. */
export function clearFieldErrors(form) {
  for (const node of form.querySelectorAll('[data-error-for]')) node.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/**
 * Shows each `{ path, message }` next to its field, matched on the first segment of the path
 * (`thumbnails.0` goes to `thumbnails`). Returns the details that matched no field.
 */
export function showFieldErrors(form, details = []) {
  const unmatched = [];
  for (const detail of details) {
    const field = String(detail.path ?? '').split('.')[0];
    const target = form.querySelector(`[data-error-for="${window.CSS.escape(field)}"]`);
    if (!target) {
      unmatched.push(detail);
      continue;
    }
    target.textContent = target.textContent ? `${target.textContent} ${detail.message}` : detail.message;
    form.querySelector(`[name="${window.CSS.escape(field)}"]`)?.setAttribute('aria-invalid', 'true');
  }
  return unmatched;
}

document.documentElement.classList.add('js');
