/**
 * What intake stores encrypted (deps.cipher, AES-256-GCM, AAD = member id + field path, so a
 * ciphertext cannot be moved to another member or field). PIPL treats health data as sensitive
 * personal information; we encrypt every answer rather than pick fields, so a new form field can
 * never land in clear by accident.
 *
 * | collection        | encrypted                                   | in clear (why)                                  |
 * |-------------------|---------------------------------------------|-------------------------------------------------|
 * | profile_versions  | form (all answers), assessment (score,      | memberId, version, timestamps, consent text     |
 * |                   | factors)                                    | version + time (proof of consent), tier (routing)|
 * | plans             | entries, base (titles name conditions and   | version, revision, tier, counts, timestamps     |
 * |                   | habits), adjustments and holds (reasons     |                                                 |
 * |                   | quote readings)                             |                                                 |
 * | plan_versions     | entries, changes (reasons)                  | version, revision, cause, who, when             |
 * | readings          | value (the numbers), note                   | type, source, measuredAtMs, red-flag code and   |
 * |                   |                                             | alert status (who must be alerted, retries)     |
 * | exam_reports      | fileRef, institution, note                  | examDate, timestamps                            |
 *
 * Members keep tier and smart tags in clear (shared/services/members/member.ts explains why).
 */
export const PROFILE_ENCRYPTED = ['form', 'assessment'] as const;
export const PLAN_ENCRYPTED = ['entries', 'base', 'adjustments', 'holds'] as const;
export const PLAN_VERSION_ENCRYPTED = ['entries', 'changes'] as const;
export const READING_ENCRYPTED = ['value', 'note'] as const;
export const REPORT_ENCRYPTED = ['fileRef', 'institution', 'note'] as const;
