/**
 * The demo servers started by the test runner (see web-test-runner.config.mjs), and their controls.
 */
// @ts-expect-error a virtual module served by the test runner's servers plugin
import { servers as urls } from 'parley:servers';

/** Base URLs of the running demo servers. */
export const servers = urls as { chatwoot: string; rails: string | null; spaces: string; imkit: string; comapi: string; virola: string };

/** Call a control endpoint of the Chatwoot emulation. */
export async function control<T = unknown>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${servers.chatwoot}/__control/${path}`, {
    method: body === undefined && path.startsWith('messages') ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The server's own record of a conversation, ascending. */
export async function serverMessages(conversationId: string): Promise<{ id: number; content: string; message_type: number }[]> {
  const res = await fetch(`${servers.chatwoot}/__control/messages?conversation_id=${conversationId}`);
  const data = (await res.json()) as unknown;
  return (Array.isArray(data) ? data : (data as { messages: never[] }).messages) as { id: number; content: string; message_type: number }[];
}

/** Call a control endpoint of any demo backend (`chatwoot`, `spaces`, `imkit`, `comapi`, `virola`). */
export async function backendControl<T = unknown>(backend: string, path: string, body?: unknown): Promise<T> {
  const base = (servers as unknown as Record<string, string>)[backend];
  const get = body === undefined;
  const res = await fetch(`${base}/__control/${path}`, {
    method: get ? 'GET' : 'POST', headers: { 'Content-Type': 'application/json' },
    body: get ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${backend} control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
