/**
 * Registers `<parley-chat>` and every element its panel renders (`<parley-conversation-list>`,
 * `<parley-invitations>`, `<parley-thread>`, `<parley-typing-indicator>`, `<parley-composer>`), so
 * `import 'parley-chat/parley-chat'` alone is a whole chat. Import the class from `./chat.js`
 * instead to register the chat under another tag name.
 */
import '../conversation-list/define.js';
import './invitations.js';
import '../thread/define.js';
import '../typing-indicator/define.js';
import '../composer/define.js';
import { ParleyChat } from './chat.js';

if (!customElements.get('parley-chat')) customElements.define('parley-chat', ParleyChat);

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}

export { ParleyChat };
