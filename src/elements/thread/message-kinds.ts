/**
 * The extras of messages that are more than text: a post's title, a task's title, state,
 * assignees and due date, and what a comment is about. Everything comes from `message.meta`
 * (wire data), so each value is type-checked here and rendered as text, never as markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Message } from '../../core/model.js';
import { formatDay, formatTime, isoTime, isValidTime } from '../shared/format.js';

const STATUS_TEXT: Record<string, string> = { pending: 'Open', complete: 'Done', completed: 'Done' };
const PARENT_TEXT: Record<string, string> = { idea: 'post', task: 'task' };

function text(v: unknown, max = 200): string | undefined {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const t = v.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Who `meta.assignees` (`{id, name?}[]`) names: the known names, then a count of the others (ids mean nothing to a reader). */
function assigneesText(v: unknown): string {
  if (!Array.isArray(v)) return '';
  const names: string[] = [];
  let others = 0;
  for (const a of v as unknown[]) {
    const name = typeof a === 'object' && a !== null ? text((a as { name?: unknown }).name, 60) : undefined;
    if (name) names.push(name);
    else others++;
  }
  if (!others) return names.join(', ');
  const rest = `${others} ${names.length ? 'other' : 'member'}${others > 1 ? 's' : ''}`;
  return names.length ? `${names.join(', ')} and ${rest}` : rest;
}

function task(m: Message, locale: string | undefined): TemplateResult {
  const meta = m.meta ?? {};
  const status = text(meta.status, 40);
  const assigned = assigneesText(meta.assignees);
  const due = typeof meta.dueDate === 'number' && Number.isFinite(meta.dueDate) ? meta.dueDate : undefined;
  const facts = [
    status ? html`<span class="task-status" part="task-status">${STATUS_TEXT[status] ?? status}</span>` : undefined,
    assigned ? html`<span class="task-assignees" part="task-assignees">Assigned to ${assigned}</span>` : undefined,
    isValidTime(due) ? html`<span class="task-due" part="task-due">Due <time datetime=${isoTime(due)}>${formatDay(due, locale)} ${formatTime(due, locale)}</time></span>` : undefined,
  ].filter((f) => f !== undefined);
  return html`<div class="kind kind-task" part="task" data-task-status=${status ?? ''}>
    <span class="kind-label">Task</span>
    ${text(meta.title) ? html`<strong class="kind-title" part="kind-title">${text(meta.title)}</strong>` : nothing}
    ${facts.length ? html`<div class="kind-facts file-size">${facts.map((f, i) => (i ? html` · ${f}` : f))}</div>` : nothing}
  </div>`;
}

/**
 * The extras of a post, a task or a comment on one; `nothing` for other messages and for deleted ones.
 * Parts: `post`, `task`, `kind-title`, `task-status`, `task-assignees`, `task-due`, `comment-of`.
 */
export function renderKindExtras(m: Message, locale?: string): TemplateResult | typeof nothing {
  if (m.deleted) return nothing;
  if (m.kind === 'task') return task(m, locale);
  if (m.kind === 'post') {
    const title = text(m.meta?.title);
    return html`<div class="kind kind-post" part="post"><span class="kind-label">Post</span>
      ${title ? html`<strong class="kind-title" part="kind-title">${title}</strong>` : nothing}</div>`;
  }
  const parentKind = PARENT_TEXT[String(m.meta?.parentCategory ?? '')];
  if (m.threadParentId && parentKind) {
    const about = text(typeof m.meta?.parentText === 'string' ? m.meta.parentText.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ') : undefined, 80);
    return html`<div class="kind kind-comment file-size" part="comment-of">on the ${parentKind}${about ? html` “${about}”` : nothing}</div>`;
  }
  return nothing;
}
