/**
 * Gives an element the messages of its locale (src/i18n): its own `locale` and `strings` when it
 * has them, else what `<parley-chat>` provides through context, else English. A catalog that has to
 * load first renders the element again when it arrives.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextConsumer, createContext } from '@lit/context';
import { ENGLISH, messagesFor, type MessageKey, type ParleyMessages, type Strings } from '../i18n/index.js';
import type { Params } from '../i18n/i18n.js';

/** Context carrying the messages `<parley-chat>` words its parts with. */
export const messagesContext = createContext<ParleyMessages | undefined>(Symbol.for('parley-messages'));

/** An element with a locale of its own and strings of its own (both optional). */
export interface LocaleHost extends ReactiveControllerHost, HTMLElement {
  locale?: string;
  strings?: Strings;
}

/** `private readonly i18n = new LocaleController(this)`, then `this.i18n.t('composer.send')` in render. */
export class LocaleController implements ReactiveController {
  /** The messages the host renders with now. */
  value: ParleyMessages = ENGLISH;
  private inherited?: ParleyMessages;
  private asked?: readonly [string | undefined, Strings | undefined, ParleyMessages | undefined];

  constructor(
    private readonly host: LocaleHost,
    /** Told each time the messages change (before the render that uses them). */
    private readonly onChange?: (messages: ParleyMessages) => void,
    /** Whether to read `<parley-chat>`'s messages through context (the chat itself provides them). */
    inherit = true,
  ) {
    host.addController(this);
    if (inherit) {
      new ContextConsumer(host, {
        context: messagesContext, subscribe: true,
        callback: (messages) => { this.inherited = messages; host.requestUpdate(); },
      });
    }
  }

  /** The string at `key` in the host's messages (see `Messages.t`). */
  t(key: MessageKey, params?: Params): string {
    return this.value.t(key, params);
  }

  hostUpdate(): void {
    const { locale, strings } = this.host;
    const inherited = this.inherited;
    const asked = this.asked;
    if (asked && asked[0] === locale && asked[1] === strings && asked[2] === inherited) return;
    const now = [locale, strings, inherited] as const;
    this.asked = now;
    if (locale === undefined && strings === undefined && inherited) return this.set(inherited);
    const next = messagesFor(locale ?? inherited?.locale, strings ?? inherited?.strings);
    if (!(next instanceof Promise)) return this.set(next);
    void next.then((messages) => {
      if (this.asked !== now) return;
      this.set(messages);
      this.host.requestUpdate();
    });
  }

  private set(messages: ParleyMessages): void {
    if (messages === this.value) return;
    this.value = messages;
    this.onChange?.(messages);
  }
}
