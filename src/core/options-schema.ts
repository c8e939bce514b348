/**
 * A protocol's options, as data: each becomes a `<parley-chat>` attribute and a manifest entry,
 * so every backend is configured and documented the same way.
 */

/** The kinds of value an option takes. */
export type OptionType = 'string' | 'url' | 'number' | 'boolean' | 'enum' | 'object' | 'function';

/** One option of one protocol. */
export interface OptionSpec {
  /** The key in `ConnectOptions.options` (camelCase). */
  readonly name: string;
  readonly type: OptionType;
  /** What it means, in a sentence (shown in the manifest and the README). */
  readonly description: string;
  /** Allowed values of an `enum`. */
  readonly values?: readonly string[];
  /** The default, as text. */
  readonly default?: string;
  /** A credential: set it as a property, never as a visible attribute. */
  readonly secret?: boolean;
  /** Only a property can carry it (a class, a function, an object). */
  readonly propertyOnly?: boolean;
}

/** The attribute of an option: `inboxIdentifier` → `inbox-identifier`. */
export function attributeOf(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** An attribute's text as the option's value (numbers and booleans parsed; bad ones left as text for the protocol to refuse). */
export function optionFromAttribute(spec: OptionSpec, text: string | null): unknown {
  if (text === null) return undefined;
  if (spec.type === 'boolean') return text !== 'false';
  if (spec.type === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  return text;
}
