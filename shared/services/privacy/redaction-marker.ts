/**
 * Marks a redacted document, so a retried erasure leaves the tombstone as it is. A leaf module: the
 * member life cycle (a re-join needs a complete tombstone) and the erasure both read it.
 */
export const REDACTED_AT = 'redactedAtMs';
