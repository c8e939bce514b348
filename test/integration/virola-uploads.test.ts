/**
 * Attachments against the Virola emulation: the text goes first (Virola's send answers no id),
 * the files go onto that message through `POST /api/v1/messages/{id}/attachments` (multipart
 * `files`), and the thread shows the file from its server URL, which answers only a signed-in user.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { eventually, until } from '../helpers/fake-protocol.js';
import { attachAndSend, pngFile } from '../helpers/uploads.js';
import { SAM_TOKEN, reset, serverMessages, shadow, virolaChat, virolaUrl } from '../virola/widget.js';

describe('Virola uploads, end to end against the demo server', function () {
  this.timeout(30000);
  let rooms: Record<string, string>;
  beforeEach(async () => { rooms = await reset(); });

  it('a file attached to a message is stored on it and shown in the thread from its server URL', async () => {
    const room = rooms.Vera!;
    const chat = await virolaChat(room, { token: true });
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    const file = await pngFile('orange.png', '#e67e22');
    await attachAndSend(chat, [file], 'an orange square');
    type Stored = { messageId: number; text: string; attachments: { attachmentId: number; fileName: string; fileSize: number; attachmentState: string }[] };
    let stored: Stored | undefined;
    await eventually(async () => {
      stored = (await serverMessages(room) as unknown as Stored[]).find((m) => m.text === 'an orange square' && m.attachments.length > 0);
      return !!stored;
    }, 10000, 'the message with its file on the server');
    expect(stored!.attachments[0]).to.include({ fileName: 'orange.png', fileSize: file.size, attachmentState: 'ReadyForDownloadFromServerToClient' });
    const url = `${virolaUrl}/api/v1/attachments/${stored!.attachments[0]!.attachmentId}/orange.png`;
    expect((await fetch(url)).status, 'only for a signed-in user').to.equal(401);
    const served = await fetch(url, { headers: { Authorization: `Bearer ${SAM_TOKEN}` } });
    expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(new Uint8Array(await file.arrayBuffer()));
    // One message, confirmed (not a pending copy beside it), with the file from the server's URL.
    const threadRoot = shadow(chat, 'parley-thread');
    const row = () => threadRoot.querySelector<HTMLElement>(`[data-message-id="${stored!.messageId}"]`);
    await until(() => !!row()?.querySelector(`a[href="${url}"]`), 10000, 'the file in the thread');
    expect(threadRoot.querySelectorAll('[data-status="pending"]')).to.have.length(0);
  });
});
