/**
 * Parley's message catalogs: every string the widget shows or announces, by locale.
 *
 * English is built in (src/i18n/en.ts, assembled from each element's strings.ts); German,
 * Spanish, French, Arabic and Hebrew are chunks of their own (src/i18n/catalogs/), imported the
 * first time an element asks for their locale. A locale picks its catalog by language subtag
 * (`de-AT` reads `de`), else English. A value is a string with `{name}` placeholders, or a plural:
 * one string per `Intl.PluralRules` category of the language (`other` always), picked by `{count}`.
 * A site supplies its own strings as a partial catalog (the `strings` property of `<parley-chat>`
 * and of each part); they win over the catalog's, key by key.
 *
 * Adding a string (the habit every element follows):
 * 1. Add it, in English, to the element's `strings.ts` (its `*_TEXT` object, which is its section
 *    of the catalog: `chat`, `invitations`, `list`, `thread`, `typing`, `composer`, `shared`; a new
 *    element adds its own `*_TEXT` to src/i18n/en.ts). A value is a string, with `{name}` for what
 *    the code fills in (`'Reply to {name}'`), or a plural by `{count}`:
 *    `{ one: '{count} new message', other: '{count} new messages' }`. Never a function, never a
 *    sentence glued together in the template: word order differs between languages.
 * 2. Read it in the template through the element's LocaleController (`private readonly i18n =
 *    new LocaleController(this)`, and `locale` / `strings` properties for use on its own):
 *    `this.i18n.t('thread.retry')`, `this.i18n.t('list.unread', { count })`. Numbers in params are
 *    written in the locale's digits. Never inline English in a template.
 * 3. Add it to each catalog in src/i18n/catalogs/ (de, es, fr, ar, he): `tsc` refuses a catalog
 *    that lacks a key; test/i18n/catalogs.test.ts refuses a plural without every form its language
 *    needs (Arabic: zero, one, two, few, many, other; Hebrew: one, two, other; Spanish and
 *    French: one, many, other; German: one, other) or a form without the placeholders.
 * A string written before this in the old style, a function in a strings.ts
 * (`unread: (n) => \`${n} unread\``), becomes a plural or a placeholder string the same way, and
 * its uses `CHAT_TEXT.x` become `this.i18n.t('chat.x')`. Console lines stay English.
 */

/** A string that depends on a count: one form per plural category the language has. */
export interface Plural {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

/** A catalog's shape from the English one: the same keys, a string for a string, a plural for a plural. */
export type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : T[K] extends Plural ? Plural : Shape<T[K]> };
/** Every key of a catalog as a dotted path (`chat.status.online`). */
export type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string | Plural ? `${P}${K}` : Paths<T[K], `${P}${K}.`>
}[keyof T & string];
/** A partial catalog, as a site supplies one: any keys, at any depth. */
export type Overrides<T> = { readonly [K in keyof T]?: T[K] extends string | Plural ? T[K] : Overrides<T[K]> };

/** What `{name}` placeholders are filled with; a number is written in the locale's digits. */
export type Params = Readonly<Record<string, string | number>>;

type Tree = { readonly [key: string]: string | Plural | Tree };

const isPlural = (v: unknown): v is Plural => typeof v === 'object' && v !== null && typeof (v as Plural).other === 'string';

/** The language subtag of a locale, lower case (`pt-BR` → `pt`); '' for none. */
export function languageOf(locale: string | undefined): string {
  return (locale ?? '').split(/[-_]/)[0]!.toLowerCase();
}

/** Languages written right to left. */
const RTL = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'dv', 'sd', 'ug', 'ckb']);

/** Whether text in this locale runs right to left. */
export function isRtl(locale: string | undefined): boolean {
  return RTL.has(languageOf(locale));
}

/** `v` at the dotted `path` of `tree`, or undefined. */
function at(tree: Tree | undefined, path: string): string | Plural | undefined {
  let v: unknown = tree;
  for (const key of path.split('.')) v = typeof v === 'object' && v !== null && !isPlural(v) ? (v as Tree)[key] : undefined;
  return typeof v === 'string' || isPlural(v) ? v : undefined;
}

/**
 * A catalog read in one locale, with a site's strings over it: what an element words its text with.
 * Immutable; another locale or other strings make another (so a render can compare identities).
 */
export class Messages<C extends object = object> {
  /** The locale the words are in (`locale` when its catalog or the site's strings cover it, else `en`). */
  readonly textLocale: string;
  private plurals?: Intl.PluralRules;
  private numbers?: Intl.NumberFormat;

  constructor(
    /** The locale asked for (BCP 47), as dates and times are formatted; undefined for the page's. */
    readonly locale: string | undefined,
    private readonly catalog: Shape<C>,
    /** The site's strings, over the catalog's. */
    readonly strings?: Overrides<Shape<C>>,
    /** The catalog to read a key from when neither has it (English). */
    private readonly fallback: Shape<C> = catalog,
    /** Whether `catalog` (or `strings`) is in `locale`'s language, not the English fallback. */
    covers = true,
  ) {
    this.textLocale = covers && locale ? locale : 'en';
  }

  /** Text direction of the words. */
  get dir(): 'ltr' | 'rtl' {
    return isRtl(this.textLocale) ? 'rtl' : 'ltr';
  }

  /** A number in the locale's digits. */
  number(n: number): string {
    this.numbers ??= safe(() => new Intl.NumberFormat(this.textLocale), () => new Intl.NumberFormat('en'));
    return this.numbers.format(n);
  }

  /** The string at `key`, its placeholders filled; a plural's form chosen by `params.count`. */
  t(key: Paths<C>, params?: Params): string {
    const entry = at(this.strings as Tree | undefined, key) ?? at(this.catalog, key) ?? at(this.fallback, key) ?? key;
    let text: string;
    if (typeof entry === 'string') text = entry;
    else {
      this.plurals ??= safe(() => new Intl.PluralRules(this.textLocale), () => new Intl.PluralRules('en'));
      text = entry[this.plurals.select(Number(params?.count ?? 0))] ?? entry.other;
    }
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      return v === undefined ? whole : typeof v === 'number' ? this.number(v) : v;
    });
  }
}

function safe<T>(make: () => T, otherwise: () => T): T {
  try { return make(); } catch { return otherwise(); }
}
