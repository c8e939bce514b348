import { expect } from '@open-wc/testing';
import { ParleyError } from '../../src/core/errors.js';
import type { ProtocolModule } from '../../src/core/protocol.js';
import { loadProtocol, registerProtocol, registeredProtocols } from '../../src/core/registry.js';

const MODULE: ProtocolModule = { createAdapter: () => { throw new Error('not used'); } };

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

let n = 0;
const uniqueName = (base: string) => `${base}-${++n}-${Date.now().toString(36)}`;

describe('protocol registry', () => {
  it('lists the built-in protocols', () => {
    expect(registeredProtocols()).to.include.members(['chatwoot', 'onechat']);
  });

  it('rejects an unknown protocol with a `protocol` ParleyError that lists the registered names', async () => {
    const err = await rejection(loadProtocol('carrier-pigeon'));
    expect(err).to.be.instanceOf(ParleyError);
    expect((err as ParleyError).code).to.equal('protocol');
    expect((err as ParleyError).message).to.equal(`unknown protocol "carrier-pigeon"; registered: ${registeredProtocols().join(', ')}`);
    expect((err as ParleyError).message).to.contain('chatwoot, onechat');
  });

  it('registers a protocol from outside, found by any case', async () => {
    const name = uniqueName('Sixth');
    let loads = 0;
    registerProtocol(name, async () => { loads++; return MODULE; });
    expect(registeredProtocols()).to.include(name.toLowerCase());
    expect(await loadProtocol(name.toUpperCase())).to.equal(MODULE);
    expect(await loadProtocol(name.toLowerCase())).to.equal(MODULE);
    expect(loads).to.equal(1); // loaded once, then shared
  });

  it('a loader that fails reports a `protocol` error with the cause, and can be retried', async () => {
    const name = uniqueName('flaky');
    const cause = new Error('chunk failed to download');
    let loads = 0;
    registerProtocol(name, async () => {
      loads++;
      if (loads === 1) throw cause;
      return MODULE;
    });
    const err = await rejection(loadProtocol(name));
    expect(err).to.be.instanceOf(ParleyError);
    expect([(err as ParleyError).code, (err as ParleyError).message, (err as ParleyError).cause])
      .to.deep.equal(['protocol', `protocol "${name}" failed to load`, cause]);
    expect(await loadProtocol(name)).to.equal(MODULE);
    expect(loads).to.equal(2);
  });

  it('registering a name again replaces the loader and forgets what was loaded', async () => {
    const name = uniqueName('replaced');
    const other: ProtocolModule = { createAdapter: () => { throw new Error('not used either'); } };
    registerProtocol(name, async () => MODULE);
    expect(await loadProtocol(name)).to.equal(MODULE);
    registerProtocol(name.toUpperCase(), async () => other);
    expect(await loadProtocol(name)).to.equal(other);
  });
});
