/**
 * Chatwoot's protocol options as data: names, types, defaults and what each does. `<parley-chat>`
 * takes each as an attribute and the manifest documents them, without loading the protocol;
 * `options.ts` reads and checks them at connect.
 */
import type { OptionSpec } from '../../options-schema.js';

/** Chatwoot's protocol options, documented (they become `<parley-chat>` attributes). */
export const OPTIONS: readonly OptionSpec[] = [
  { name: 'role', attribute: 'user-role', type: 'enum', values: ['contact', 'agent'], description: 'A customer widget (Client API) or an inbox agent (Application API).', default: '`agent` when `accountId` is set, else `contact`' },
  { name: 'inboxIdentifier', type: 'string', description: 'The API-channel inbox identifier (required for a contact).' },
  { name: 'accountId', type: 'number', description: 'The account id (required for an agent).' },
  { name: 'pubsubToken', type: 'string', secret: true, description: 'The cable credential; for a contact, with `sourceId`, skips creating a contact.' },
  { name: 'sourceId', type: 'string', secret: true, description: 'A contact\'s Client API credential.' },
  { name: 'contactId', type: 'string', description: 'A contact\'s id.', default: '`userId`' },
  { name: 'contactName', type: 'string', description: 'The name of a contact created on first visit.' },
  { name: 'contactEmail', type: 'string', description: 'The email of a contact created on first visit (Chatwoot joins it to the contact with that email, if any).' },
  { name: 'cableUrl', type: 'url', description: 'The ActionCable URL.', default: '`url` with http→ws and path /cable' },
  { name: 'staleMs', type: 'number', description: 'Silence (no ping) after which the cable counts as dead, ms.', default: '10000' },
  { name: 'presenceMs', type: 'number', description: 'How often `update_presence` is performed, ms.', default: '30000' },
];
