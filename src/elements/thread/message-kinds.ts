/**
 * The extras of messages that are more than text: a post's title, a task's title, state,
 * assignees and due date, and what a comment is about. Everything comes from `message.meta`
 * (wire data), so each value is type-checked here and rendered as text, never as markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Message } from '../../core/model.js';
import { formatDay, formatTime, isoTime, isValidTime } from '../shared/format.js';
import type { ParleyMessages } from '../../i18n/index.js';

const STATUS_TEXT = { pending: 'thread.kind.open', complete: 'thread.kind.done', completed: 'thread.kind.done' } as const;
const PARENT_TEXT = { idea: 'thread.kind.onPost', task: 'thread.kind.onTask' } as const;

function text(v: unknown, max = 200): string | undefined {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const t = v.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Who `meta.assignees` (`{id, name?}[]`) names: the known names, then a count of the others (ids mean nothing to a reader). */
function assigneesText(v: unknown, words: ParleyMessages): string {
  if (!Array.isArray(v)) return '';
  const names: string[] = [];
  let others = 0;
  for (const a of v as unknown[]) {
    const name = typeof a === 'object' && a !== null ? text((a as { name?: unknown }).name, 60) : undefined;
    if (name) names.push(name);
    else others++;
  }
  const list = new Intl.ListFormat(words.textLocale, { type: 'conjunction' });
  if (!others) return list.format(names);
  const rest = words.t(names.length ? 'thread.kind.others' : 'thread.kind.members', { count: others });
  return names.length ? list.format([...names, rest]) : rest;
}

function task(m: Message, words: ParleyMessages): TemplateResult {
  const locale = words.locale;
  const meta = m.meta ?? {};
  const status = text(meta.status, 40);
  const assigned = assigneesText(meta.assignees, words);
  const due = typeof meta.dueDate === 'number' && Number.isFinite(meta.dueDate) ? meta.dueDate : undefined;
  const facts = [
    status ? html`<span class="task-status" part="task-status">${Object.hasOwn(STATUS_TEXT, status) ? words.t(STATUS_TEXT[status as keyof typeof STATUS_TEXT]) : status}</span>` : undefined,
    assigned ? html`<span class="task-assignees" part="task-assignees">${words.t('thread.kind.assignedTo', { names: assigned })}</span>` : undefined,
    isValidTime(due) ? html`<span class="task-due" part="task-due">${words.t('thread.kind.due')} <time datetime=${isoTime(due)}>${formatDay(due, locale, undefined, words.textLocale)} ${formatTime(due, locale)}</time></span>` : undefined,
  ].filter((f) => f !== undefined);
  return html`<div class="kind kind-task" part="task" data-task-status=${status ?? ''}>
    <span class="kind-label">${words.t('thread.kind.task')}</span>
    ${text(meta.title) ? html`<strong class="kind-title" part="kind-title">${text(meta.title)}</strong>` : nothing}
    ${facts.length ? html`<div class="kind-facts file-size">${facts.map((f, i) => (i ? html` · ${f}` : f))}</div>` : nothing}
  </div>`;
}

/**
 * The extras of a post, a task or a comment on one; `nothing` for other messages and for deleted ones.
 * Parts: `post`, `task`, `kind-title`, `task-status`, `task-assignees`, `task-due`, `comment-of`.
 */
export function renderKindExtras(m: Message, words: ParleyMessages): TemplateResult | typeof nothing {
  if (m.deleted) return nothing;
  if (m.kind === 'task') return task(m, words);
  if (m.kind === 'post') {
    const title = text(m.meta?.title);
    return html`<div class="kind kind-post" part="post"><span class="kind-label">${words.t('thread.kind.post')}</span>
      ${title ? html`<strong class="kind-title" part="kind-title">${title}</strong>` : nothing}</div>`;
  }
  const category = String(m.meta?.parentCategory ?? '');
  const parentKind = Object.hasOwn(PARENT_TEXT, category) ? PARENT_TEXT[category as keyof typeof PARENT_TEXT] : undefined;
  if (m.threadParentId && parentKind) {
    const about = text(typeof m.meta?.parentText === 'string' ? m.meta.parentText.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ') : undefined, 80);
    return html`<div class="kind kind-comment file-size" part="comment-of">${about ? words.t('thread.kind.quoted', { what: words.t(parentKind), about }) : words.t(parentKind)}</div>`;
  }
  return nothing;
}
