import { ConfigError } from '../../config';

export const FIELD_KEY_BYTES = 32;

export interface KeyRing {
  /** The first key of FIELD_ENCRYPTION_KEYS: every new ciphertext uses it. */
  readonly activeKid: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

const KID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function fail(detail: string): never {
  throw new ConfigError(`invalid configuration:\n  FIELD_ENCRYPTION_KEYS: ${detail} (expected kid:base64key[,kid:base64key…], each key 32 random bytes, e.g. \`openssl rand -base64 32\`)`);
}

/** Parses `kid:base64(32 bytes)[,kid:…]`; messages name the kid, never the key material. */
export function parseKeyRing(spec: string): KeyRing {
  const entries = spec.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) fail('no key given');
  const keys = new Map<string, Buffer>();
  for (const [i, entry] of entries.entries()) {
    const sep = entry.indexOf(':');
    if (sep <= 0) fail(`entry ${i + 1} has no "kid:" prefix`);
    const kid = entry.slice(0, sep);
    const b64 = entry.slice(sep + 1);
    if (!KID.test(kid)) fail(`key id "${kid.slice(0, 32)}" must be 1–32 characters of A–Z a–z 0–9 _ -`);
    if (keys.has(kid)) fail(`key id "${kid}" appears twice`);
    if (!BASE64.test(b64)) fail(`key "${kid}" is not base64`);
    const key = Buffer.from(b64, 'base64');
    if (key.length !== FIELD_KEY_BYTES) fail(`key "${kid}" must decode to ${FIELD_KEY_BYTES} bytes, got ${key.length}`);
    keys.set(kid, key);
  }
  const activeKid = entries[0]!.slice(0, entries[0]!.indexOf(':'));
  return { activeKid, keys };
}
