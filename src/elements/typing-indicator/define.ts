/** Registers `<parley-typing-indicator>`. Import the class from `./typing-indicator.js` instead to use another tag name. */
import { ParleyTypingIndicator } from './typing-indicator.js';

if (!customElements.get('parley-typing-indicator')) customElements.define('parley-typing-indicator', ParleyTypingIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'parley-typing-indicator': ParleyTypingIndicator;
  }
}

export { ParleyTypingIndicator };
