/**
 * src/lit/sanitize.ts before and after its DOMPurify chunk has loaded: synchronous calls made too
 * early refuse (sanitizeHtml throws, htmlText has no text) and start the load; once it has
 * finished they work. One page, in order: the first test sees nothing loaded.
 */
import { expect } from '@open-wc/testing';
import { htmlText, isSanitizerLoaded, safeUrl, sanitizeHtml, SanitizerNotLoadedError, sanitizerReady } from '../../src/lit/sanitize.js';
import { until } from '../helpers/fake-protocol.js';

describe('sanitize.ts, loaded on demand', () => {
  it('before the load: sanitizeHtml throws and htmlText is empty; each starts the load, which then ends', async () => {
    expect(isSanitizerLoaded()).to.equal(false);
    expect(safeUrl('https://x.example/a'), 'URL checks need no sanitizer').to.equal('https://x.example/a');
    expect(isSanitizerLoaded()).to.equal(false);
    expect(() => sanitizeHtml('<b>x</b>')).to.throw(SanitizerNotLoadedError);
    expect(htmlText('<b>x</b>')).to.equal('');
    await until(() => isSanitizerLoaded(), 5000, 'the load the calls above started');
  });

  it('after it: both work synchronously with the allow-list and the link hook; sanitizerReady resolves at once', async () => {
    await sanitizerReady();
    const div = document.createElement('div');
    div.append(sanitizeHtml('<p>a <b>b</b><img src=x onerror="window.__pwned=1"><a href="javascript:alert(1)">c</a><a href="https://x.example">d</a></p>'));
    expect(div.innerHTML).to.equal('<p>a <b>b</b><a>c</a><a href="https://x.example/" target="_blank" rel="noopener noreferrer nofollow">d</a></p>');
    expect(htmlText('<p>Hi</p><script>bad()</script><style>p{}</style>')).to.equal('Hi');
  });
});
