import { describe, expect, it } from 'vitest';
import { RED_FLAGS } from '../../../shared/domain/triage/types';
import { redFlagLabelZh } from '../../../shared/domain/triage';
import { RESOLUTIONS, TICKET_STATUSES } from '../../../shared/services/triage/schemas';
import { TICKET_EVENT_TYPES } from '../../../shared/services/triage/records';
import { REDEMPTION_STATUSES } from '../../../shared/domain/points/fulfilment';
import { SIGNUP_STATUSES } from '../../../shared/domain/points/activity';
import { ACTIVITY_KINDS } from '../../../shared/services/points/schemas';
import { REMINDER_KINDS } from '../../../shared/domain/schedule/recurrence';
import { CONDITIONS } from '../../../shared/domain/health/form';
import { RED_FLAG_LABELS_ZH } from '../../../shared/services/intake/red-flags';
import { TIER_SOURCES } from '../../../shared/services/gap-analysis/report-doc';
import * as L from '../../../web/staff/labels';

/**
 * The workbench shows every code as Chinese. Roles, scenes, coverage, tag groups and rights are the
 * domain's own tables (imported); the tables below are the workbench's, so they must cover the codes.
 */
describe('web/staff/labels.ts covers the codes the API sends', () => {
  const covers = (table: L.LabelTable, codes: readonly string[]) => expect(codes.filter((c) => !(c in table))).toEqual([]);

  it('names every red flag, status, resolution, event, reminder kind, condition, tier source, sign-up status and activity kind', () => {
    covers(L.TICKET_RED_FLAG_ZH, RED_FLAGS);
    covers(L.TICKET_STATUS_ZH, TICKET_STATUSES);
    covers(L.RESOLUTION_ZH, RESOLUTIONS);
    covers(L.TICKET_EVENT_ZH, TICKET_EVENT_TYPES);
    covers(L.REDEMPTION_STATUS_ZH, REDEMPTION_STATUSES);
    covers(L.SIGNUP_STATUS_ZH, SIGNUP_STATUSES);
    covers(L.ACTIVITY_KIND_ZH, ACTIVITY_KINDS);
    covers(L.REMINDER_KIND_ZH, REMINDER_KINDS);
    covers(L.CONDITION_ZH, CONDITIONS);
    covers(L.READING_RED_FLAG_ZH, Object.keys(RED_FLAG_LABELS_ZH));
    covers(L.TIER_SOURCE_ZH, TIER_SOURCES);
  });

  // The triage rules' labels are not imported: that module brings the whole detection engine into the page.
  it('names a ticket red flag as the triage rules do', () => {
    for (const f of RED_FLAGS) expect(L.TICKET_RED_FLAG_ZH[f], f).toBe(redFlagLabelZh(f));
  });

  it('never shows a raw code: an unknown one is 「其他」, a condition factor names the condition', () => {
    expect(L.label(L.TICKET_STATUS_ZH, 'something_new')).toBe('其他');
    expect(L.riskFactorLabel('condition:diabetes')).toBe('既往病史：糖尿病');
  });
});
