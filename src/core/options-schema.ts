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
  /** The `<parley-chat>` attribute, when not the kebab-case name (Chatwoot's `role` is `user-role`: `role` is ARIA's). */
  readonly attribute?: string;
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
export function attributeOf(spec: Pick<OptionSpec, 'name' | 'attribute'>): string {
  return spec.attribute ?? spec.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** An option attribute, with every protocol that reads it. */
export interface OptionAttribute {
  readonly attribute: string;
  readonly spec: OptionSpec;
  readonly protocols: readonly string[];
}

/** The attributes of every protocol's options (property-only ones have none), by attribute name. */
export function optionAttributes(byProtocol: Readonly<Record<string, readonly OptionSpec[]>>): ReadonlyMap<string, OptionAttribute> {
  const out = new Map<string, OptionAttribute>();
  for (const [protocol, specs] of Object.entries(byProtocol)) {
    for (const spec of specs) {
      if (spec.propertyOnly) continue;
      const attribute = attributeOf(spec);
      const known = out.get(attribute);
      out.set(attribute, { attribute, spec: known?.spec ?? spec, protocols: [...(known?.protocols ?? []), protocol] });
    }
  }
  return out;
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
