import {
  clearFieldErrors,
  connectSocket,
  element,
  formatDateTime,
  interpolate,
  readTexts,
  request,
  showFieldErrors,
} from './script.js';

const HISTORY_PAGE_SIZE = 50;
const EMAIL_STORAGE_KEY = 'tienda.chat.email';
// A light check so typos are caught before sending; the server validates the email again on every message.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const root = document.querySelector('.chat');
const texts = readTexts(root);
const locale = texts.locale ?? document.documentElement.lang;
const identifyForm = document.getElementById('chat-identify');
const emailInput = document.getElementById('chat-email');
const room = root.querySelector('[data-chat-room]');
const identity = root.querySelector('[data-chat-identity]');
const log = root.querySelector('[data-chat-log]');
const emptyNotice = root.querySelector('[data-chat-empty]');
const olderButton = root.querySelector('[data-load-older]');
const noOlder = root.querySelector('[data-no-older]');
const sendForm = document.getElementById('chat-send');
const messageInput = document.getElementById('chat-message');

let email = null;
let nextBefore = null;
/** Rendered messages by id, so a message that arrives both as an ack and as a broadcast shows once. */
const renderedMessages = new Map();

function renderMessage(message) {
  const mine = message.user === email;
  return element(
    'li',
    {
      className: mine ? 'chat-message is-mine' : 'chat-message',
      attributes: { 'data-message-id': message._id },
    },
    [
      element('p', { className: 'chat-meta' }, [
        element('strong', { text: message.user }),
        ' ',
        element('time', {
          className: 'muted',
          text: formatDateTime(locale, message.createdAt),
          attributes: { datetime: message.createdAt },
        }),
      ]),
      element('p', { className: 'chat-text', text: message.message }),
    ],
  );
}

function updateEmptyNotice() {
  emptyNotice.hidden = renderedMessages.size > 0;
}

function append(message) {
  if (renderedMessages.has(message._id)) return;
  const node = renderMessage(message);
  renderedMessages.set(message._id, node);
  log.append(node);
  updateEmptyNotice();
  node.scrollIntoView({ block: 'nearest' });
}

function prepend(messages) {
  const fresh = messages.filter((message) => !renderedMessages.has(message._id));
  const nodes = fresh.map((message) => {
    const node = renderMessage(message);
    renderedMessages.set(message._id, node);
    return node;
  });
  log.prepend(...nodes);
  updateEmptyNotice();
}

function setNextBefore(value) {
  nextBefore = value;
  olderButton.hidden = value === null;
  noOlder.hidden = value !== null || renderedMessages.size === 0;
}

/** Loads the latest messages: on the first connection and again after every reconnection. */
async function loadLatest() {
  const response = await request(socket, 'chat:history', { limit: HISTORY_PAGE_SIZE });
  if (response.status !== 'success') return;

  log.replaceChildren();
  renderedMessages.clear();
  for (const message of response.payload.docs) append(message);
  setNextBefore(response.payload.nextBefore);
  root.dataset.synced = 'true';
  root.dataset.syncCount = String(Number(root.dataset.syncCount ?? 0) + 1);
}

const socket = connectSocket({
  statusElement: root.querySelector('[data-connection-status]'),
  texts: { disconnected: texts.disconnected },
  onConnect: () => void loadLatest(),
});
socket.on('chat:message', append);

olderButton.addEventListener('click', async () => {
  if (nextBefore === null) return;
  olderButton.disabled = true;
  const response = await request(socket, 'chat:history', { limit: HISTORY_PAGE_SIZE, before: nextBefore });
  olderButton.disabled = false;
  if (response.status !== 'success') return;

  prepend(response.payload.docs);
  setNextBefore(response.payload.nextBefore);
});

function enterRoom(value) {
  email = value;
  identity.textContent = interpolate(texts.as, { email: value });
  identifyForm.hidden = true;
  room.hidden = false;
  messageInput.focus();
}

identifyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  clearFieldErrors(identifyForm);
  const value = emailInput.value.trim().toLowerCase();
  if (!emailInput.checkValidity() || !EMAIL_PATTERN.test(value)) {
    showFieldErrors(identifyForm, [{ path: 'user', message: texts.emailInvalid }]);
    emailInput.setAttribute('aria-invalid', 'true');
    emailInput.focus();
    return;
  }
  window.sessionStorage.setItem(EMAIL_STORAGE_KEY, value);
  enterRoom(value);
});

root.querySelector('[data-change-email]').addEventListener('click', () => {
  window.sessionStorage.removeItem(EMAIL_STORAGE_KEY);
  room.hidden = true;
  identifyForm.hidden = false;
  emailInput.value = email ?? '';
  emailInput.focus();
});

sendForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearFieldErrors(sendForm);
  const submit = sendForm.querySelector('[type="submit"]');
  submit.disabled = true;

  const response = await request(socket, 'chat:message', { user: email, message: messageInput.value });
  submit.disabled = false;
  if (response.status === 'success') {
    append(response.payload);
    messageInput.value = '';
    messageInput.focus();
    return;
  }

  const { message, details = [] } = response.error;
  const unmatched = showFieldErrors(sendForm, details.length > 0 ? details : [{ path: 'message', message }]);
  if (unmatched.length > 0) {
    showFieldErrors(sendForm, [
      { path: 'message', message: unmatched.map((detail) => detail.message).join(' ') },
    ]);
  }
});

messageInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    sendForm.requestSubmit();
  }
});

const remembered = window.sessionStorage.getItem(EMAIL_STORAGE_KEY);
if (remembered && EMAIL_PATTERN.test(remembered)) enterRoom(remembered);
