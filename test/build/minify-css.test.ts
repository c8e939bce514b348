/**
 * build-css.ts, the build plugin that minifies Lit `css` templates: every stylesheet of Parley's
 * elements, minified, is the same stylesheet to the browser (the CSSOM of both serializes alike),
 * and the template rewrite keeps line numbers, strings and the spaces an interpolation may need.
 */
import { expect } from '@open-wc/testing';
import type { CSSResultGroup, CSSResultOrNative } from 'lit';
import '../../src/index.js';
import { minifyCssTemplates, minifyCssText } from '../../build-css.js';
import { ParleyChat } from '../../src/elements/chat/chat.js';
import { ParleyInvitations } from '../../src/elements/chat/invitations.js';
import { ParleyComposer } from '../../src/elements/composer/composer.js';
import { ParleyConversationList } from '../../src/elements/conversation-list/conversation-list.js';
import { ParleyThread } from '../../src/elements/thread/thread.js';
import { ParleyTypingIndicator } from '../../src/elements/typing-indicator/typing-indicator.js';

const flat = (group: CSSResultGroup | undefined): CSSResultOrNative[] => (Array.isArray(group) ? group.flatMap((g) => flat(g as CSSResultGroup)) : group ? [group as CSSResultOrNative] : []);
const cssText = (s: CSSResultOrNative): string => ('cssText' in s && typeof s.cssText === 'string' ? s.cssText : [...(s as CSSStyleSheet).cssRules].map((r) => r.cssText).join('\n'));

/** The stylesheet as the browser reads it: each rule serialized. */
function parsed(text: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return [...sheet.cssRules].map((r) => r.cssText);
}

describe('minified Lit css (build-css.ts)', () => {
  it("each element's stylesheet, minified, is the same stylesheet, and smaller", () => {
    const elements = { ParleyChat, ParleyInvitations, ParleyComposer, ParleyConversationList, ParleyThread, ParleyTypingIndicator };
    for (const [name, element] of Object.entries(elements)) {
      const sheets = flat(element.styles);
      expect(sheets.length, name).to.be.at.least(1);
      for (const sheet of sheets) {
        const text = cssText(sheet);
        const small = minifyCssText(text, { start: false, end: false });
        expect(parsed(small), name).to.deep.equal(parsed(text));
        expect(parsed(text).length, `${name} has rules`).to.be.at.least(1);
        expect(small.length, name).to.be.below(text.length);
        expect(small, name).not.to.contain('/*');
      }
    }
  });

  it('rewrites only css templates: lines, strings, escapes and the spaces beside an interpolation stay', () => {
    const source = [
      'const a = css`',
      '  /* a comment',
      '     over two lines */',
      "  :host { color : red;  content: ' ; } ' ; }",
      '  .m { margin: ${gap} auto; }',
      '  .e::before { content: "\\\\2022"; }',
      '`;',
      'const b = html`<p>  kept  </p>`;',
      "const c = css`x { ${'q'} }`;",
    ].join('\n');
    const out = minifyCssTemplates(source);
    expect(out.split('\n').length, 'every line of code keeps its number').to.equal(source.split('\n').length);
    expect(out).to.contain(":host{color :red;content:' ; } '}");
    expect(out).to.contain('.m{margin: ${gap} auto}');
    expect(out).to.contain('.e::before{content:"\\\\2022"}');
    expect(out).to.contain('html`<p>  kept  </p>`');
    expect(out, 'an interpolation with quotes: left as written').to.contain("css`x { ${'q'} }`");
    expect(out).not.to.contain('comment');
    expect(minifyCssTemplates('css`${a} ${b}`'), 'two interpolations stay apart').to.equal('css`${a} ${b}`');
    expect(minifyCssText('  ', { start: true, end: true }), 'the space between two interpolations').to.equal(' ');
  });
});
