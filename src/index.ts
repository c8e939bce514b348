/**
 * Parley: every element registered, plus the headless core.
 */
import './elements/conversation-list/define.js';
import './elements/thread/define.js';
import './elements/typing-indicator/define.js';
import './elements/composer/define.js';
import './elements/chat/define.js';

export * from './core/index.js';
export { ParleyChat } from './elements/chat/chat.js';
export { ParleyConversationList } from './elements/conversation-list/conversation-list.js';
export { ParleyThread } from './elements/thread/thread.js';
export { ParleyTypingIndicator } from './elements/typing-indicator/typing-indicator.js';
export { ParleyComposer } from './elements/composer/composer.js';
export { ChatSession } from './lit/session.js';
export { chatContext } from './lit/context.js';
export { StoreController } from './lit/store-controller.js';
export { ConnectionController } from './lit/connection-controller.js';
export * from './lit/events.js';
// Types only: the pre-chat form loads when a page shows it.
export type { ParleyPreChatSubmitEvent, VisitorDetails } from './elements/chat/pre-chat-form.js';
export { mount, type MountOptions } from './mount.js';
export type { Catalog, MessageKey, Plural, Strings } from './i18n/index.js';
