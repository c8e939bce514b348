/**
 * Test control endpoints under `/__control` (JSON in, JSON out): cut and refuse connections, speak
 * as Sam, post, edit and remove items, change spaces, force send failures, read the record, and
 * run a fault storm (`/__control/storm`, see storm.ts).
 */
import { HttpStatusError, optionalString, requiredInt, requiredString, Router } from '../http.js';
import type { SpacesActions } from './actions.js';
import type { Correspondent } from './correspondent.js';
import { addStormRoutes, Storm } from '../shared/faults.js';
import { spacesStorm } from './storm.js';
import type { SpacesRealtime } from './realtime.js';
import { DANA, SAM, type FileItem, type Item, type Space, type SpacesStore } from './store.js';
import { htmlBody, itemJson } from './wire.js';

export interface ControlDeps {
  store: SpacesStore;
  actions: SpacesActions;
  realtime: SpacesRealtime;
  sam: Correspondent;
}

export function createControlApi({ store, actions, realtime, sam }: ControlDeps): Router {
  const space = (value: unknown): Space => {
    const found = typeof value === 'string' ? store.spaces.get(value) : undefined;
    if (!found) throw new HttpStatusError(404, 'Space not found');
    return found;
  };
  const item = (value: unknown): Item => {
    const found = typeof value === 'string' ? store.items.get(value) : undefined;
    if (!found) throw new HttpStatusError(404, 'Message not found');
    return found;
  };
  const samUser = () => store.users.get(SAM.id)!;
  /** `say`'s optional `files: [{fileType?, name, path?, previewUrl?, thumbnailUrl?}]`. */
  const files = (v: unknown): FileItem[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || !v.every((f) => f !== null && typeof f === 'object')) throw new HttpStatusError(422, 'files must be objects');
    return (v as Record<string, unknown>[]).map((f, i) => {
      const fileType = optionalString(f, 'fileType') ?? 'document';
      if (!['image', 'video', 'audio', 'document'].includes(fileType)) throw new HttpStatusError(422, 'unknown fileType');
      const path = optionalString(f, 'path');
      const previewUrl = optionalString(f, 'previewUrl');
      const thumbnailUrl = optionalString(f, 'thumbnailUrl');
      return {
        fileId: `control-${i}`, fileSize: 1024, fileType: fileType as FileItem['fileType'], name: requiredString(f, 'name'),
        providerFileType: fileType === 'image' ? 'image/png' : 'application/pdf',
        ...(path !== undefined ? { path } : {}), ...(previewUrl !== undefined ? { previewUrl } : {}), ...(thumbnailUrl !== undefined ? { thumbnailUrl } : {}),
      };
    });
  };
  const storm = new Storm(realtime.faults);

  const router = new Router()
    .add('POST', '/__control/reset', () => {
      storm.reset();
      sam.reset();
      store.reset();
      realtime.clearRefusal();
      realtime.failNextSends = [];
      return [200, { ok: true }];
    })
    .add('POST', '/__control/drop', () => [200, { dropped: realtime.dropAll() }])
    .add('POST', '/__control/refuse', ({ body }) => {
      realtime.refuse(requiredInt(body.ms, 'ms'));
      return [200, { refusingForMs: realtime.refusingForMs }];
    })
    .add('POST', '/__control/agent', ({ body }) => {
      if (typeof body.enabled !== 'boolean') throw new HttpStatusError(422, 'enabled must be a boolean');
      sam.setEnabled(body.enabled);
      return [200, { enabled: sam.enabled }];
    })
    /** A new space with Sam as admin; `members` are user ids (default: Dana). */
    .add('POST', '/__control/space', ({ body }) => {
      const members = Array.isArray(body.members) ? body.members.filter((x): x is string => typeof x === 'string') : [DANA.id];
      const created = store.createSpace(optionalString(body, 'title') ?? 'Test space', members);
      return [200, { id: created.id }];
    })
    /** Sam says `text` (escaped into a paragraph) or exactly `html`; `parentId` makes it a comment. */
    .add('POST', '/__control/say', ({ body }) => {
      const target = space(body.spaceId);
      const html = optionalString(body, 'html');
      const bodyText = html ?? htmlBody(requiredString(body, 'text'));
      const parentId = optionalString(body, 'parentId');
      const data = files(body.files);
      const posted = actions.post(samUser(), target, { category: 'chat', bodyText, ...(parentId ? { parentId } : {}), ...(data.length ? { data } : {}) });
      return [200, itemJson(store, posted)];
    })
    /** Sam's avatar (`picture_url`): `{url}`; empty for none. */
    .add('POST', '/__control/picture', ({ body }) => {
      samUser().picture = optionalString(body, 'url') || undefined;
      return [200, { ok: true }];
    })
    /** Sam posts an idea or a task: `{spaceId, category, title, description?, assignees?, dueDate?, picture?}` (`picture: true` attaches the demo image). */
    .add('POST', '/__control/post', ({ body }) => {
      const target = space(body.spaceId);
      const category = body.category === 'task' ? 'task' : 'idea';
      const assignees = Array.isArray(body.assignees) ? body.assignees.filter((x): x is string => typeof x === 'string') : undefined;
      const dueDate = optionalString(body, 'dueDate');
      const posted = actions.post(samUser(), target, {
        category, bodyText: requiredString(body, 'title'), description: optionalString(body, 'description') ?? '',
        ...(assignees ? { assignees } : {}), ...(dueDate ? { dueDate } : {}), ...(body.picture === true ? { data: [sam.picture()] } : {}),
      });
      return [200, itemJson(store, posted)];
    })
    /** Change an item: `{messageId, bodyText?, description?, taskStatus?}`. */
    .add('POST', '/__control/edit', ({ body }) => {
      const target = item(body.messageId);
      const status = body.taskStatus === 'complete' || body.taskStatus === 'pending' ? body.taskStatus : undefined;
      const bodyText = optionalString(body, 'bodyText');
      const description = optionalString(body, 'description');
      actions.update(target, { ...(bodyText !== undefined ? { bodyText } : {}), ...(description !== undefined ? { description } : {}), ...(status ? { taskStatus: status } : {}) });
      return [200, itemJson(store, target)];
    })
    .add('POST', '/__control/remove', ({ body }) => {
      actions.remove(item(body.messageId));
      return [200, { ok: true }];
    })
    /** Space settings: `{spaceId, title?, archived?, addGuest? (display name), removeMember? (user id)}` → `topic.updated`. */
    .add('POST', '/__control/topic', ({ body }) => {
      const target = space(body.spaceId);
      const title = optionalString(body, 'title');
      if (title !== undefined) target.title = title;
      if (typeof body.archived === 'boolean') target.status = body.archived ? 1 : 0;
      const guest = optionalString(body, 'addGuest');
      const added = guest ? store.createGuest(guest, 'Anonymous') : undefined;
      if (added) store.addMember(target, added);
      const removed = optionalString(body, 'removeMember');
      if (removed) store.removeMember(target, removed);
      target.modified = store.now().iso;
      actions.topicUpdated(target, samUser());
      return [200, { ok: true, ...(added ? { addedId: added.id } : {}) }];
    })
    /** The next sends fail with `SEND_MESSAGE_FAILED` and this reason. */
    .add('POST', '/__control/fail-next-send', ({ body }) => {
      realtime.failNextSends.push(optionalString(body, 'reason') ?? 'rejected by the test');
      return [200, { queued: realtime.failNextSends.length }];
    })
    /** Every item of a space, oldest first, deleted ones with `deleted: true`. */
    .add('GET', '/__control/messages', ({ query }) => {
      const target = space(query.get('spaceId'));
      return [200, store.itemsOf(target.id).map((i) => ({ ...itemJson(store, i), deleted: i.deleted }))];
    })
    .add('GET', '/__control/state', () => [200, state()])
    .add('POST', '/__control/state', () => [200, state()]);
  addStormRoutes(router, storm, (body) => spacesStorm(store, actions, realtime, body));
  return router;

  function state(): Record<string, unknown> {
    return {
      correspondent: { enabled: sam.enabled, pendingTimers: sam.pendingTimers },
      sockets: { connections: realtime.connectionCount, refusingForMs: realtime.refusingForMs, subscriptions: realtime.subscriptions() },
      users: [...store.users.values()].map((u) => ({ id: u.id, displayname: u.displayname, type: u.type })),
      spaces: [...store.spaces.values()].map((s) => ({
        id: s.id, title: s.title, status: s.status, members: s.members.map((m) => m.userId),
        items: store.itemsOf(s.id).length,
      })),
      reads: Object.fromEntries(store.reads),
    };
  }
}
