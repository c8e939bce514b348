/*
 * The page script of /__parley/placed.html (web-test-runner.config.mjs): a file, as the page's CSP
 * refuses inline script. With `build=esm` it imports the ES module build (in `order=parts-first`,
 * the parts' own define modules before the chat's); with `order=parts-later` it appends the parts
 * to a chat that already rendered; with `order=chat-later` it creates the chat, connects it, then
 * gives it its parts. `window.placed` resolves once the page has done all it does.
 */
const params = new URLSearchParams(location.search);
const build = params.get('build');
const order = params.get('order');
const PARTS = ['parley-thread', 'parley-typing-indicator', 'parley-composer'];

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

async function loadBuild() {
  if (build !== 'esm') return window.Parley.ready;
  if (order === 'parts-first') for (const part of PARTS) await import(`/dist/${part}.js`);
  await import('/dist/parley-chat.js');
  return undefined;
}

function appendParts(chat) {
  for (const part of PARTS) chat.append(document.createElement(part));
}

async function place() {
  await loadBuild();
  if (order === 'chat-later') {
    const chat = document.createElement('parley-chat');
    Object.assign(chat, { protocol: 'chatwoot', url: document.body.dataset.url, noPersist: true });
    chat.setAttribute('inbox-identifier', 'demo-inbox');
    chat.setAttribute('contact-name', 'Placing visitor');
    document.querySelector('main').append(chat);
    await chat.updateComplete;
    appendParts(chat);
  } else if (order === 'parts-later') {
    const chat = document.querySelector('parley-chat');
    await customElements.whenDefined('parley-chat');
    await chat.updateComplete;
    await frame();
    appendParts(chat);
  }
}

window.placed = place();
