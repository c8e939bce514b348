/**
 * The catalogs Parley ships and how an element gets the one its `locale` asks for: English at
 * once (built in), the others after their chunk loads. See i18n.ts for the mechanism and how to
 * add a string.
 */
import { EN } from './en.js';
import { Messages, languageOf, type Overrides, type Paths, type Shape } from './i18n.js';

export { Messages, isRtl, languageOf, type Params, type Plural } from './i18n.js';

/** A complete catalog: every key of the English one. */
export type Catalog = Shape<typeof EN>;
/** A key of the catalog (`composer.send`, `list.unread`). */
export type MessageKey = Paths<typeof EN>;
/** A site's own strings: any part of a catalog, over the locale's own. */
export type Strings = Overrides<Catalog>;
/** The catalog read in one locale. */
export type ParleyMessages = Messages<typeof EN>;

/** The catalogs besides English, each a chunk of its own, by language subtag. */
const LOADERS: Readonly<Record<string, () => Promise<{ default: Catalog }>>> = {
  ar: () => import('./catalogs/ar.js'),
  de: () => import('./catalogs/de.js'),
  es: () => import('./catalogs/es.js'),
  fr: () => import('./catalogs/fr.js'),
  he: () => import('./catalogs/he.js'),
};

/** The languages Parley has a catalog of. */
export const LANGUAGES: readonly string[] = ['en', ...Object.keys(LOADERS)];

const loaded = new Map<string, Catalog>([['en', EN]]);
const loading = new Map<string, Promise<Catalog>>();

/** English, in the page's locale for times: what an element shows before it knows better. */
export const ENGLISH: ParleyMessages = new Messages<typeof EN>(undefined, EN);

/** The catalog of a language, loaded if need be (English when there is none, or it fails to load). */
export function loadCatalog(language: string): Catalog | Promise<Catalog> {
  const lang = language === 'iw' ? 'he' : language;
  const ready = loaded.get(lang);
  if (ready) return ready;
  const load = LOADERS[lang];
  if (!load) return EN;
  let pending = loading.get(lang);
  if (!pending) {
    pending = load().then((m) => { loaded.set(lang, m.default); return m.default; }, () => { loading.delete(lang); return EN; });
    loading.set(lang, pending);
  }
  return pending;
}

/**
 * The messages for `locale` with `strings` over them: at once when the catalog is here (English,
 * or loaded before), else a promise of them.
 */
export function messagesFor(locale: string | undefined, strings?: Strings): ParleyMessages | Promise<ParleyMessages> {
  if (!locale && !strings) return ENGLISH;
  const lang = languageOf(locale);
  const make = (catalog: Catalog) => new Messages<typeof EN>(locale, catalog, strings, EN, catalog !== EN || lang === 'en' || !!strings);
  const catalog = loadCatalog(lang);
  return catalog instanceof Promise ? catalog.then(make) : make(catalog);
}
