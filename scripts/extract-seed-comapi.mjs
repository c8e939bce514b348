#!/usr/bin/env node
/**
 * Extract the Comapi seed (the SDK's websocket event documentation) into a typed test fixture.
 *
 *   node scripts/extract-seed-comapi.mjs
 *
 * Reads ../shared/seeds/000_*.txt (relative to the repository root). The seed documents its
 * payloads as TypeScript interfaces, not JSON, so this script:
 *   1. reads the event table (SDK event name, payload interface, description),
 *   2. reads every `export interface` with its fields (name, type, optional) and the comments
 *      that list allowed values (`// name field will be ["a" | "b"]`),
 *   3. builds one sample payload per event (one per allowed `name` for
 *      IConversationMessageEvent), filling each field from a value table keyed by field name,
 *      with the value of its type where the field name is ambiguous.
 * It fails when a field has no value, so a changed seed cannot silently lose coverage.
 * Output: test/fixtures/seed-comapi.ts.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const seedDir = resolve(root, '../shared/seeds');
const out = join(root, 'test/fixtures/seed-comapi.ts');
const file = readdirSync(seedDir).find((f) => /^000_.*\.txt$/.test(f));
if (!file) throw new Error(`no 000_*.txt seed in ${seedDir}`);
const text = readFileSync(join(seedDir, file), 'utf8');
const lines = text.split(/\r?\n/);

// ---- 2. interfaces ----
const interfaces = {};
const allowedNames = {};
for (let i = 0; i < lines.length; i++) {
  const m = /^export interface (\w+)\s*\{/.exec(lines[i].trim());
  if (!m) continue;
  const fields = [];
  let j = i + 1;
  let pendingAllowed;
  for (; j < lines.length && !lines[j].trim().startsWith('}'); j++) {
    const t = lines[j].trim();
    const allowed = /^\/\/\s*(\w+) field will be \[(.*)\]/.exec(t);
    if (allowed) {
      pendingAllowed = { field: allowed[1], values: [...allowed[2].matchAll(/"([^"]+)"/g)].map((x) => x[1]) };
      continue;
    }
    const f = /^(\w+)(\?)?:\s*([^;]+);/.exec(t);
    if (f) fields.push({ name: f[1], type: f[3].trim(), optional: f[2] === '?' });
  }
  if (pendingAllowed) allowedNames[m[1]] = pendingAllowed;
  interfaces[m[1]] = fields;
  i = j;
}

// ---- 1. the event table ----
const start = lines.findIndex((l) => l.startsWith('Event Name'));
if (start < 0) throw new Error('no event table in the seed');
const events = [];
for (let i = start + 1; i < lines.length && lines[i].trim(); i++) {
  const line = lines[i].trim();
  const iface = Object.keys(interfaces).sort((a, b) => b.length - a.length).find((name) => line.indexOf(name) > 0);
  if (!iface) throw new Error(`table row without a known interface: ${line}`);
  const at = line.indexOf(iface);
  events.push({ sdkEvent: line.slice(0, at), payloadInterface: iface, description: line.slice(at + iface.length).trim() });
}

// ---- 3. samples ----
const CONVERSATION = 'd11bfbe9-0279-4460-a148-bce6af4f3dea';
const SENT_ON = '2016-10-18T11:47:46.511Z';
/** Values by field name (where a name means one thing across the seed). */
const BY_FIELD = {
  conversationId: CONVERSATION,
  createdBy: 'stevanl',
  profileId: 'alex',
  role: 'participant',
  timestamp: '2016-10-18T11:41:47.194Z',
  description: 'Questions about the order',
  isPublic: false,
  eTag: '"1b-jOXbdoTPVPyduUDoiscQOg"',
  eventId: 'dbd78ac2-faa6-426f-acf5-99d8b3e08b98',
  conversationEventId: 3,
  messageId: '5035615c-e370-4bec-b1f5-793faa866c43',
  metadata: {},
  context: { from: { id: 'alex', name: 'Alex' }, conversationId: CONVERSATION, sentBy: 'alex', sentOn: SENT_ON },
  profile: { id: 'stevanl', name: 'Stevan', avatar: 'https://example.com/avatars/stevanl.png' },
};
/** Values by type, for the types the seed uses but does not define. */
const BY_TYPE = {
  IConversationRoles: {
    owner: { canSend: true, canAddParticipants: true, canRemoveParticipants: true },
    participant: { canSend: true, canAddParticipants: false, canRemoveParticipants: false },
  },
  'IMessagePart[]': [{ name: 'body', type: 'text/plain', data: 'hello', size: 5 }],
  IMessageAlert: { text: 'New Message', platforms: { apns: { alert: 'hello' }, fcm: { notification: { title: 'Chat', body: 'hello' } } } },
};

function valueOf(iface, field, extra = {}) {
  if (field.name in extra) return extra[field.name];
  if (field.type in BY_TYPE) return BY_TYPE[field.type];
  if (iface === 'IConversationUpdatedEventData' && field.name === 'name') return 'Order 1234';
  if (field.name in BY_FIELD) return BY_FIELD[field.name];
  throw new Error(`no sample value for ${iface}.${field.name}: ${field.type}`);
}

function sample(iface, extra = {}) {
  const fields = interfaces[iface];
  if (!fields) throw new Error(`interface ${iface} is not in the seed`);
  const data = {};
  for (const f of fields) data[f.name] = valueOf(iface, f, extra);
  return data;
}

const samples = [];
for (const e of events) {
  const allowed = allowedNames[e.payloadInterface];
  if (!allowed) {
    samples.push({ name: e.sdkEvent, sdkEvent: e.sdkEvent, payloadInterface: e.payloadInterface, data: sample(e.payloadInterface) });
    continue;
  }
  for (const value of allowed.values) {
    const payloadType = value.endsWith('.sent') ? 'IMessageSentPayload' : 'IMessageStatusUpdatePayload';
    const payload = sample(payloadType);
    samples.push({
      name: `${e.sdkEvent}:${value}`, sdkEvent: e.sdkEvent, payloadInterface: e.payloadInterface, payloadType,
      data: sample(e.payloadInterface, { [allowed.field]: value, payload }),
    });
  }
}

const body = `// Generated by scripts/extract-seed-comapi.mjs from ../shared/seeds/${file}. Do not edit by hand.
/* eslint-disable */

/** One field of a seed interface. */
export interface SeedField { name: string; type: string; optional: boolean }

/** The seed's event table: SDK event name, payload interface, description. */
export const comapiSeedEvents: { sdkEvent: string; payloadInterface: string; description: string }[] = ${JSON.stringify(events, null, 2)};

/** Every interface the seed declares, with its fields. */
export const comapiSeedInterfaces: Record<string, SeedField[]> = ${JSON.stringify(interfaces, null, 2)};

/** One sample payload per event (per allowed \`name\` for conversationMessageEvent), fields exactly as declared. */
export const comapiSeedSamples: { name: string; sdkEvent: string; payloadInterface: string; payloadType?: string; data: Record<string, unknown> }[] = ${JSON.stringify(samples, null, 2)};
`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, body);
console.log(`wrote ${events.length} events, ${Object.keys(interfaces).length} interfaces, ${samples.length} samples to ${out}`);
