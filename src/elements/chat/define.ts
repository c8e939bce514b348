/** Registers `<parley-chat>`. Import the class from `./chat.js` instead to use another tag name. */
import { ParleyChat } from './chat.js';

if (!customElements.get('parley-chat')) customElements.define('parley-chat', ParleyChat);

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}

export { ParleyChat };
