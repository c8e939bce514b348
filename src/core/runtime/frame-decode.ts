/**
 * The wrapper every codec puts around decoding one frame or REST object: values dropped as
 * invalid go to the run's sink, and whatever a decoder throws leaves as a DecodeError naming what
 * was decoded (a TypeError from a shape no check foresaw included), so a codec throws
 * DecodeError and nothing else.
 */
import { DecodeError, type InvalidValueSink, withInvalidSink } from '../wire.js';

/** Run `decode` with `sink` as the invalid-value sink; any other error than a DecodeError becomes one, prefixed `what: `. */
export function decodingAs<T>(what: string, sink: InvalidValueSink | undefined, decode: () => T): T {
  return withInvalidSink(sink, () => {
    try {
      return decode();
    } catch (err) {
      if (err instanceof DecodeError) throw err;
      throw new DecodeError(`${what}: ${err instanceof Error ? err.message : 'undecodable'}`);
    }
  });
}
