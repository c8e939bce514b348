/**
 * IMKIT's redaction is core's: every given secret (and its URL-encoded form), every credential
 * field of JSON or query text (`isSecretKey`: `pubsub_token`, `token`, `jwt`, `Authorization`,
 * `IM-CLIENT-KEY`, `source_id` …) and every `Bearer …` value becomes `[redacted]`.
 */
export { redactText as redact } from '../../errors.js';
