/** Registers `<parley-thread>`. Import the class from `./thread.js` instead to use another tag name. */
import { ParleyThread } from './thread.js';

if (!customElements.get('parley-thread')) customElements.define('parley-thread', ParleyThread);

declare global {
  interface HTMLElementTagNameMap {
    'parley-thread': ParleyThread;
  }
}

export { ParleyThread };
