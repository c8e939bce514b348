/**
 * The built-in protocols, each a lazy chunk loaded on first use.
 */
import { registerProtocol } from '../registry.js';

registerProtocol('chatwoot', () => import('./chatwoot/adapter.js'));
registerProtocol('onechat', () => import('./chatwoot/adapter.js'));
