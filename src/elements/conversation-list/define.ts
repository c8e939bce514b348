/** Registers `<parley-conversation-list>`. Import the class from `./conversation-list.js` instead to use another tag name. */
import { ParleyConversationList } from './conversation-list.js';

if (!customElements.get('parley-conversation-list')) customElements.define('parley-conversation-list', ParleyConversationList);

declare global {
  interface HTMLElementTagNameMap {
    'parley-conversation-list': ParleyConversationList;
  }
}

export { ParleyConversationList };
