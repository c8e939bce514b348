/**
 * Attachments against the Comapi emulation: the file goes to the content API
 * (`POST /apispaces/{id}/content`, multipart `file`), the message names its URL in a part, and
 * the thread shows the image from that URL.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { mintDemoJwt } from '../../demo/backends/comapi.js';
import { activeConversation, control, eventually, rendered, serverMessages, widget } from '../comapi/demo-server.js';
import { until } from '../helpers/fake-protocol.js';
import { attachAndSend, expectImageShown, expectServed, pngFile } from '../helpers/uploads.js';

describe('Comapi uploads, end to end against the demo server', function () {
  this.timeout(40000);
  before(async () => { await control('reset', {}); });

  it('an attached image is stored by the content API and shown in the thread from its URL', async () => {
    const profileId = `it-upload-${Date.now().toString(36)}`;
    const chat = await widget({ apiSpaceId: 'demo-space', authChallenge: (nonce: string) => mintDemoJwt(nonce, profileId, 'Uploader') });
    await until(() => rendered(chat).length > 0, 15000, 'the greeting');
    const file = await pngFile('blue.png', '#2857d6');
    await attachAndSend(chat, [file], 'a blue square');
    const cid = activeConversation(chat);
    type Part = { type?: string; url?: string; size?: number; name?: string };
    let sent: { id: string; parts?: Part[] } | undefined;
    await eventually(async () => {
      sent = (await serverMessages(cid) as unknown as { id: string; text: string; parts?: Part[] }[]).find((m) => m.text === 'a blue square');
      return !!sent;
    }, 15000, 'the message on the server');
    const image = sent!.parts!.find((p) => p.url)!;
    expect(image).to.include({ type: 'image/png', size: file.size, name: 'blue.png' });
    await expectServed(image.url!, file);
    await expectImageShown(chat, sent!.id, image.url!);
  });
});
