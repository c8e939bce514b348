/**
 * Every built-in protocol's options schema, without its code: `<parley-chat>` turns them into
 * attributes and the manifest documents them. (Each `OPTIONS` is data; the bundler leaves the
 * rest of its module out.)
 */
import { optionAttributes, type OptionAttribute, type OptionSpec } from './options-schema.js';
import { OPTIONS as chatwoot } from './protocols/chatwoot/option-specs.js';
import { OPTIONS as comapi } from './protocols/comapi/option-specs.js';
import { OPTIONS as imkit } from './protocols/imkit/option-specs.js';
import { OPTIONS as spaces } from './protocols/spaces/option-specs.js';
import { OPTIONS as virola } from './protocols/virola/option-specs.js';

/** Protocol name → its options. */
export const protocolOptions: Readonly<Record<string, readonly OptionSpec[]>> = { chatwoot, comapi, imkit, spaces, virola };

/** Every option attribute of every built-in protocol, by attribute name. */
export const OPTION_ATTRIBUTES: ReadonlyMap<string, OptionAttribute> = optionAttributes(protocolOptions);
