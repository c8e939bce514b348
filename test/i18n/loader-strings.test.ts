/**
 * The loader's placeholder launcher is named before any catalog can load, so it carries the one
 * string it shows (`chat.openChat`) in each language itself: the same words as the catalogs.
 */
import { expect } from '@open-wc/testing';
import { LANGUAGES, loadCatalog } from '../../src/i18n/index.js';

describe('the loader\'s placeholder launcher', () => {
  it('is named as each catalog names the launcher', async () => {
    const source = await (await fetch('/src/loader/loader.js')).text();
    const map = /const OPEN_CHAT = new Map\((\[.*\])\);/.exec(source)?.[1];
    expect(map, 'the OPEN_CHAT map').to.be.a('string');
    const own = new Map(JSON.parse(map!.replace(/'/g, '"')) as [string, string][]);
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      expect(own.get(lang), lang).to.equal((await loadCatalog(lang)).chat.openChat);
    }
    expect(source).to.include("|| 'Open chat'");
    expect((await loadCatalog('en')).chat.openChat).to.equal('Open chat');
  });
});
