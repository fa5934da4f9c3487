/**
 * Staff forward a customer's words to the self-built app (the app never receives customers' own
 * chats, docs/reference/wecom-protocol.md §3.3–3.4). Convention: `#<memberId or external_userid> <the customer's words>`.
 * `#`/`＃` may be half- or full-width; the reference is followed by whitespace or a colon (: ：).
 * Pure.
 */
export type StaffForward =
  | { ok: true; memberRef: string; text: string }
  | { ok: false; reason: 'no_reference' | 'no_text' };

const FORWARD = /^[#＃]\s*([A-Za-z0-9_@.-]{2,64})(?:[\s\u3000]*[:：][\s\u3000]*|[\s\u3000]+)([\s\S]*)$/u;
const REFERENCE_ONLY = /^[#＃]\s*[A-Za-z0-9_@.-]{2,64}[\s\u3000:：]*$/u;

export function parseStaffForward(content: string): StaffForward {
  const trimmed = content.trim();
  const m = FORWARD.exec(trimmed);
  if (!m) return { ok: false, reason: REFERENCE_ONLY.test(trimmed) ? 'no_text' : 'no_reference' };
  const text = (m[2] ?? '').trim();
  if (!text) return { ok: false, reason: 'no_text' };
  return { ok: true, memberRef: m[1] as string, text };
}
