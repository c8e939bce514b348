/** Registers `<parley-composer>`. Import the class from `./composer.js` instead to use another tag name. */
import { ParleyComposer } from './composer.js';

if (!customElements.get('parley-composer')) customElements.define('parley-composer', ParleyComposer);

declare global {
  interface HTMLElementTagNameMap {
    'parley-composer': ParleyComposer;
  }
}

export { ParleyComposer };
