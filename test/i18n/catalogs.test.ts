/**
 * Issue #10, item 6: every catalog is a complete translation. Each has every key of the English
 * one, of the same kind (a string, or a plural), with the placeholders the code fills; each plural
 * has every form its language needs (the categories of `Intl.PluralRules` for it).
 */
import { expect } from '@open-wc/testing';
import { EN } from '../../src/i18n/en.js';
import { LANGUAGES, loadCatalog, messagesFor, type Catalog, type ParleyMessages } from '../../src/i18n/index.js';
import type { Plural } from '../../src/i18n/i18n.js';

type Tree = { readonly [key: string]: string | Plural | Tree };
const isPlural = (v: unknown): v is Plural => typeof v === 'object' && v !== null && typeof (v as Plural).other === 'string';

/** Every key of a catalog with its value, as dotted paths. */
function entries(tree: Tree, prefix = ''): [string, string | Plural][] {
  return Object.entries(tree).flatMap(([key, v]) => (typeof v === 'string' || isPlural(v) ? [[`${prefix}${key}`, v] as [string, string | Plural]] : entries(v, `${prefix}${key}.`)));
}
const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
const formsOf = (v: string | Plural) => (typeof v === 'string' ? [v] : Object.values(v) as string[]);

async function messages(locale: string, strings?: Parameters<typeof messagesFor>[1]): Promise<ParleyMessages> {
  return await messagesFor(locale, strings);
}

describe('message catalogs', () => {
  it('ships English, German, Spanish, French, Arabic and Hebrew', () => {
    expect([...LANGUAGES].sort()).to.deep.equal(['ar', 'de', 'en', 'es', 'fr', 'he']);
  });

  for (const lang of LANGUAGES) {
    it(`${lang}: every key, of the English kind, with its placeholders, and every plural form ${lang} needs`, async () => {
      const catalog = await loadCatalog(lang);
      if (lang !== 'en') expect(catalog, `${lang} is a catalog of its own`).not.to.equal(EN);
      const english = new Map(entries(EN as unknown as Tree));
      const own = new Map(entries(catalog as unknown as Tree));
      expect([...own.keys()].sort(), `${lang} keys`).to.deep.equal([...english.keys()].sort());
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [key, en] of english) {
        const value = own.get(key)!;
        expect(isPlural(value), `${lang} ${key}: a plural where English has one`).to.equal(isPlural(en));
        if (isPlural(value)) {
          for (const category of categories) expect(value[category], `${lang} ${key}: the "${category}" form`).to.be.a('string');
        }
        // Every placeholder the code fills shows in each form (a plural's `{count}` may be spelt out: "one", "two").
        const wanted = new Set([...formsOf(en).flatMap((f) => [...placeholders(f)])].filter((p) => p !== 'count'));
        for (const form of formsOf(value)) {
          expect(form.trim(), `${lang} ${key}: not empty`).not.to.equal('');
          for (const p of wanted) expect(placeholders(form).has(p), `${lang} ${key}: {${p}} in "${form}"`).to.equal(true);
          for (const p of placeholders(form)) expect(p === 'count' || wanted.has(p), `${lang} ${key}: {${p}} is filled`).to.equal(true);
        }
      }
    });
  }

  it('Arabic picks each of its six plural forms: 0, 1, 2, 3, 11, 100', async () => {
    const ar = await messages('ar');
    const counts = [0, 1, 2, 3, 11, 100];
    const unread = ((await loadCatalog('ar')) as Catalog).list.unread;
    const expected = [unread.zero, unread.one, unread.two, unread.few, unread.many, unread.other]
      .map((form, i) => form!.replace('{count}', ar.number(counts[i]!)));
    expect(counts.map((count) => ar.t('list.unread', { count }))).to.deep.equal(expected);
    expect(new Set(expected).size, 'six different forms').to.equal(6);
    expect(ar.t('list.unread', { count: 2 })).to.equal('رسالتان غير مقروءتين');
  });

  it('Hebrew has a dual: one, two, then the rest', async () => {
    const he = await messages('he');
    expect(he.t('list.unread', { count: 1 })).to.equal('הודעה אחת שלא נקראה');
    expect(he.t('list.unread', { count: 2 })).to.equal('שתי הודעות שלא נקראו');
    expect(he.t('list.unread', { count: 5 })).to.equal('5 הודעות שלא נקראו');
    expect(he.dir).to.equal('rtl');
  });

  it('a locale reads its language\'s catalog; one without a catalog reads English', async () => {
    expect((await messages('de-AT')).t('composer.send')).to.equal('Senden');
    expect((await messages('fr-CA')).t('composer.send')).to.equal('Envoyer');
    const pt = await messages('pt-BR');
    expect(pt.t('composer.send')).to.equal('Send');
    expect(pt.textLocale, 'English words follow English plural rules').to.equal('en');
    expect((await messages('en-GB')).t('list.unread', { count: 1 })).to.equal('1 unread');
  });

  it('a site\'s strings replace the keys they name, and only those', async () => {
    const de = await messages('de', { composer: { placeholder: 'Fragen Sie uns' }, list: { unread: { one: 'eine neu', other: '{count} neu' } } });
    expect(de.t('composer.placeholder')).to.equal('Fragen Sie uns');
    expect(de.t('composer.send')).to.equal('Senden');
    expect(de.t('list.unread', { count: 1 })).to.equal('eine neu');
    expect(de.t('list.unread', { count: 4 })).to.equal('4 neu');
  });
});
