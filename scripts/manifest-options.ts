// Adds every protocol option attribute to <parley-chat> in custom-elements.json, from the
// protocols' options schemas (src/core/builtin-options.ts): each backend is configured and
// documented the same way. Run by `npm run analyze` after the analyzer (`node --import tsx`).
import { readFileSync, writeFileSync } from 'node:fs';
import { OPTION_ATTRIBUTES } from '../src/core/builtin-options.js';

interface ManifestAttribute { name: string; description?: string; type?: { text: string }; default?: string; fieldName?: string }
interface Declaration { tagName?: string; attributes?: ManifestAttribute[] }
interface Manifest { modules: { declarations?: Declaration[] }[] }

const NAMES: Record<string, string> = { chatwoot: 'Chatwoot', comapi: 'Comapi', imkit: 'IMKIT', spaces: 'Avaya Spaces', virola: 'Virola' };

function typeText(values: readonly string[] | undefined, type: string): string {
  if (values?.length) return values.map((v) => `'${v}'`).join(' | ');
  return type === 'url' || type === 'enum' ? 'string' : type;
}

const file = process.argv[2] ?? 'custom-elements.json';
const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
const chat = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'parley-chat');
if (!chat) throw new Error('custom-elements.json has no parley-chat');
const own = new Set((chat.attributes ?? []).map((a) => a.name));
const added: ManifestAttribute[] = [];
for (const { attribute, spec, protocols } of OPTION_ATTRIBUTES.values()) {
  if (own.has(attribute)) continue;
  const who = protocols.map((p) => NAMES[p] ?? p).join(', ');
  const secret = spec.secret ? ' A credential: prefer `options` (a property) so it stays out of the DOM.' : '';
  const entry: ManifestAttribute = { name: attribute, description: `${who}: ${spec.description}${secret}`, type: { text: typeText(spec.values, spec.type) } };
  if (spec.default !== undefined) entry.default = spec.default;
  added.push(entry);
}
chat.attributes = [...(chat.attributes ?? []), ...added.sort((a, b) => a.name.localeCompare(b.name))];
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
