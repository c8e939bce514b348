/**
 * The trap itself: it must see an execution, a request to attacker.invalid (which never resolves)
 * and a window.open, and the tree walk must see dangerous markup inside a shadow root. Without
 * this, an empty trap in the backend files would prove nothing.
 */
import { expect } from '@open-wc/testing';
import { ALL_IDS, MARKUP_VECTORS, URL_VECTORS } from './vectors.js';
import { dangers, installTrap, settle } from './trap.js';
import { until } from '../helpers/fake-protocol.js';

describe('XSS trap (control)', () => {
  it('records executions, attacker requests and window.open; the walk finds dangerous markup in shadow roots', async () => {
    const trap = installTrap();
    try {
      const host = document.createElement('div');
      document.body.append(host);
      const inner = document.createElement('div');
      host.attachShadow({ mode: 'open' }).append(inner);
      // Raw, unsanitized: the vectors do fire when nobody escapes them.
      inner.innerHTML = '<img src=x onerror="window.__xss(\'ctl-img\')"><img src="http://attacker.invalid/ctl-req">';
      window.open('http://attacker.invalid/ctl-open');
      await until(() => trap.hits.includes('ctl-img'), 5000, 'the control execution');
      await until(() => trap.report().some((r) => r.includes('attacker.invalid/ctl-req')), 5000, 'the control request');
      const found = dangers(host);
      expect(found.some((d) => d.startsWith('attribute onerror'))).to.equal(true);
      expect(found.some((d) => d.includes('attacker.invalid'))).to.equal(true);
      expect(trap.opened).to.deep.equal(['http://attacker.invalid/ctl-open']);
      host.remove();
      await settle(0);
    } finally { trap.uninstall(); }
  });

  it('the corpus: unique ids, enough vectors', () => {
    expect(new Set(ALL_IDS).size).to.equal(ALL_IDS.length);
    expect(MARKUP_VECTORS.length + URL_VECTORS.length).to.be.greaterThanOrEqual(20);
  });
});
