import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import type { Message } from '../../src/core/model.js';
import { renderKindExtras } from '../../src/elements/thread/message-kinds.js';
import { messagesFor } from '../../src/i18n/index.js';

function message(p: Partial<Message>): Message {
  return { id: 'm1', conversationId: 's1', kind: 'text', text: '', markup: 'html', attachments: [], createdAt: 0, status: 'sent', ...p };
}

async function extras(m: Message, locale = 'en-GB'): Promise<HTMLElement> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  render(renderKindExtras(m, await messagesFor(locale)), host);
  return host;
}

describe('message kinds: post, task and comment extras', () => {
  it('a task: title, state, assignees (names, then a count of the unnamed), due date', async () => {
    const due = Date.parse('2030-05-04T10:30:00.000Z');
    const el = await extras(message({ kind: 'task', meta: { title: 'Write <b>it</b>', status: 'complete', dueDate: due, assignees: [{ id: 'a', name: 'Ann' }, { id: 'b' }, { id: 'c' }] } }));
    expect(el.querySelector('[part="task"]')?.getAttribute('data-task-status')).to.equal('complete');
    expect(el.querySelector('.kind-title')?.textContent).to.equal('Write <b>it</b>');
    expect(el.querySelector('b')).to.equal(null);
    expect(el.querySelector('[part="task-status"]')?.textContent).to.equal('Done');
    expect(el.querySelector('[part="task-assignees"]')?.textContent).to.equal('Assigned to Ann and 2 others');
    expect(el.querySelector('[part="task-due"] time')?.getAttribute('datetime')).to.equal('2030-05-04T10:30:00.000Z');
    const none = await extras(message({ kind: 'task', meta: { assignees: [{ id: 'x' }] } }));
    expect(none.querySelector('[part="task-assignees"]')?.textContent).to.equal('Assigned to 1 member');
    expect(none.querySelector('.kind-title')).to.equal(null);
  });

  it('a post shows its title; a comment names what it is on; plain and deleted messages get nothing', async () => {
    expect((await extras(message({ kind: 'post', meta: { title: 'Big idea' } }))).querySelector('[part="post"] .kind-title')?.textContent).to.equal('Big idea');
    const comment = await extras(message({ threadParentId: 'p1', meta: { parentCategory: 'task', parentText: '<p>Fix the <i>door</i></p>' } }));
    expect(comment.querySelector('[part="comment-of"]')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('on the task “Fix the door”');
    expect((await extras(message({ text: 'hi' }))).children.length).to.equal(0);
    expect((await extras(message({ kind: 'task', deleted: true, meta: { title: 'gone' } }))).children.length).to.equal(0);
    expect((await extras(message({ kind: 'task', meta: { title: 42, status: ['x'], dueDate: 'soon', assignees: 'all' } }))).querySelector('.kind-facts')).to.equal(null);
  });

  it('in German: the state, assignees and what a comment is on, with German quotes', async () => {
    const task = await extras(message({ kind: 'task', meta: { status: 'pending', assignees: [{ id: 'a', name: 'Ann' }, { id: 'b' }, { id: 'c' }] } }), 'de');
    expect(task.querySelector('[part="task-status"]')?.textContent).to.equal('Offen');
    expect(task.querySelector('[part="task-assignees"]')?.textContent).to.equal('Zugewiesen an Ann und 2 weitere Personen');
    expect(task.querySelector('.kind-label')?.textContent).to.equal('Aufgabe');
    const comment = await extras(message({ threadParentId: 'p1', meta: { parentCategory: 'idea', parentText: 'Big idea' } }), 'de');
    expect(comment.querySelector('[part="comment-of"]')?.textContent?.trim()).to.equal('zum Beitrag „Big idea“');
  });
});
