/**
 * JSX types for React 19 (`@types/react`): the Parley tags as intrinsic elements, so `tsc` accepts
 * `<parley-chat protocol="chatwoot" …>`. Import it once, for its types only:
 *
 *   import type {} from 'parley-chat/react';
 *
 * Attributes are the elements' own (kebab-case, as in HTML) plus any protocol option attribute
 * (`inbox-identifier`, `contact-name`, …). React 19 sets a property where the element has one of
 * that name (`token`, `options`), an attribute otherwise. Listen to `parley-*` events through a ref
 * (`addEventListener`), typed by `GlobalEventHandlersEventMap`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ParleyChat, ParleyComposer, ParleyConversationList, ParleyThread, ParleyTypingIndicator } from 'parley-chat';

/** A protocol option as an attribute: `inbox-identifier="…"`, `contact-name="…"`. */
type OptionAttributes = { [attribute: `${string}-${string}`]: string | number | boolean | undefined };

/** What every part takes: the standard HTML attributes, `theme` and `locale`. */
type PartProps<E> = DetailedHTMLProps<HTMLAttributes<E>, E> & { theme?: 'light' | 'dark' | 'auto'; locale?: string };

/** `<parley-chat>`: see the README's attribute table. */
export type ParleyChatProps = PartProps<ParleyChat> & OptionAttributes & {
  protocol?: string;
  url?: string;
  token?: string;
  conversation?: string;
  mode?: 'inline' | 'launcher';
  open?: boolean;
  heading?: string;
  'user-id'?: string;
  'no-persist'?: boolean;
  'connect-timeout'?: number;
  options?: Record<string, unknown>;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'parley-chat': ParleyChatProps;
      'parley-conversation-list': PartProps<ParleyConversationList>;
      'parley-thread': PartProps<ParleyThread>;
      'parley-typing-indicator': PartProps<ParleyTypingIndicator>;
      'parley-composer': PartProps<ParleyComposer>;
    }
  }
}
