/**
 * The chat virtual list on its own (src/elements/shared/virtual-list.ts), in a small host: it
 * renders a window of rows around the view, follows the end, and forgets the heights of rows that
 * are gone once they far outnumber the rows listed.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { VirtualList } from '../../src/elements/shared/virtual-list.js';
import { until } from '../helpers/fake-protocol.js';

class ListProbe extends LitElement {
  static override styles = css`
    .scroller { height: 200px; overflow-y: auto; }
    .row { height: 40px; box-sizing: border-box; }
  `;

  items: readonly string[] = [];

  readonly list = new VirtualList<string>(this, {
    key: (item) => item,
    render: (item) => html`<div class="row" data-key=${item}>${item}</div>`,
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    followEnd: true,
  });

  show(items: readonly string[]): void {
    this.items = items;
    this.requestUpdate();
  }

  override render(): unknown {
    return html`<div class="scroller"><div ${ref(this.list.content)}>${this.list.rows(this.items)}</div></div>`;
  }
}
customElements.define('vl-probe', ListProbe);

const frames = async (n: number) => { for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r)); };
const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const heights = (el: ListProbe) => (el.list as unknown as { heights: Map<string, number> }).heights;

describe('VirtualList', () => {
  it('renders a window of rows at the end, and follows it', async () => {
    const el = await fixture<ListProbe>(html`<vl-probe></vl-probe>`);
    const scroller = el.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
    el.show(keys('a', 3000));
    await until(() => !!el.shadowRoot!.querySelector('[data-key="a2999"]') && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 4, 5000, 'the last row at the bottom');
    // The first rows measured set the estimate for the others: the height of all rows is then exact.
    await until(() => Math.abs(scroller.scrollHeight - 3000 * 40) <= 1, 5000, `the height of all rows (${scroller.scrollHeight} px)`);
    expect(el.shadowRoot!.querySelectorAll('.row').length, 'rows rendered').to.be.within(5, 40);
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.at.most(4);
    el.show([...el.items, 'a3000']);
    await until(() => !!el.shadowRoot!.querySelector('[data-key="a3000"]') && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 4, 5000, 'a new last row followed');
  });

  it('forgets the heights of rows gone once they far outnumber the rows listed', async () => {
    const el = await fixture<ListProbe>(html`<vl-probe></vl-probe>`);
    const scroller = el.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
    el.show(keys('a', 3000));
    await until(() => Math.abs(scroller.scrollHeight - 3000 * 40) <= 1 && scroller.scrollTop > 0, 5000, 'at the end of all rows');
    for (let top = scroller.scrollTop; scroller.scrollTop > 0; top -= 1200) { // the user scrolls up through it all
      scroller.scrollTop = Math.max(0, top);
      await frames(2);
    }
    const measured = heights(el).size;
    expect(measured, 'rows measured on the way up').to.be.greaterThan(2 * 50 + 1000);
    el.show(keys('b', 50)); // another conversation
    await until(() => !!el.shadowRoot!.querySelector('[data-key="b0"]'), 5000, 'the new rows');
    await frames(2);
    expect([...heights(el).keys()].every((k) => k.startsWith('b')), 'only the rows listed').to.equal(true);
    expect(heights(el).size).to.be.at.most(50);
  });
});
