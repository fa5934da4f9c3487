import { describe, expect, it } from 'vitest';
import { RED_FLAGS } from '../../../shared/domain/triage/types';
import { redFlagLabelZh } from '../../../shared/domain/triage';
import { ROLE_LABELS_ZH, SCENES, SCENE_LABELS_ZH, STAFF_ROLES } from '../../../shared/domain/team/roles';
import { RESOLUTIONS, TICKET_STATUSES } from '../../../shared/services/triage/schemas';
import { TICKET_EVENT_TYPES } from '../../../shared/services/triage/records';
import { REDEMPTION_STATUSES } from '../../../shared/domain/points/fulfilment';
import { RIGHT_IDS, RIGHTS } from '../../../shared/domain/points/rights-catalogue';
import { REMINDER_KINDS } from '../../../shared/domain/schedule/recurrence';
import { CONDITIONS } from '../../../shared/domain/health/form';
import { COVERAGE_LABELS_ZH, COVERAGE_TYPES } from '../../../shared/domain/gap/types';
import { TAG_DIMENSIONS, TAG_GROUP_NAMES_ZH } from '../../../shared/domain/health/tag-catalogue';
import { RED_FLAG_LABELS_ZH } from '../../../shared/services/intake/red-flags';
import { TIER_SOURCES } from '../../../shared/services/gap-analysis/report-doc';
import * as L from '../../../web/staff/labels';

/** The workbench shows every code as Chinese: its one label file must cover the domain's code lists. */
describe('web/staff/labels.ts covers the codes the API sends', () => {
  const covers = (table: L.LabelTable, codes: readonly string[]) => expect(codes.filter((c) => !(c in table))).toEqual([]);

  it('names every role, scene, red flag, status, resolution, event, right, reminder kind, condition, coverage and tag group', () => {
    covers(L.ROLE_ZH, STAFF_ROLES);
    covers(L.SCENE_ZH, SCENES);
    covers(L.TICKET_RED_FLAG_ZH, RED_FLAGS);
    covers(L.TICKET_STATUS_ZH, TICKET_STATUSES);
    covers(L.RESOLUTION_ZH, RESOLUTIONS);
    covers(L.TICKET_EVENT_ZH, TICKET_EVENT_TYPES);
    covers(L.REDEMPTION_STATUS_ZH, REDEMPTION_STATUSES);
    covers(L.RIGHT_ZH, RIGHT_IDS);
    covers(L.REMINDER_KIND_ZH, REMINDER_KINDS);
    covers(L.CONDITION_ZH, CONDITIONS);
    covers(L.COVERAGE_ZH, COVERAGE_TYPES);
    covers(L.TAG_DIMENSION_ZH, TAG_DIMENSIONS);
    covers(L.READING_RED_FLAG_ZH, Object.keys(RED_FLAG_LABELS_ZH));
    covers(L.TIER_SOURCE_ZH, TIER_SOURCES);
  });

  it('says what the domain says where the domain has a label', () => {
    for (const f of RED_FLAGS) expect(L.TICKET_RED_FLAG_ZH[f], f).toBe(redFlagLabelZh(f));
    for (const r of STAFF_ROLES) expect(L.ROLE_ZH[r]).toBe(ROLE_LABELS_ZH[r]);
    for (const s of SCENES) expect(L.SCENE_ZH[s]).toBe(SCENE_LABELS_ZH[s]);
    for (const c of COVERAGE_TYPES) expect(L.COVERAGE_ZH[c]).toBe(COVERAGE_LABELS_ZH[c]);
    for (const d of TAG_DIMENSIONS) expect(L.TAG_DIMENSION_ZH[d]).toBe(TAG_GROUP_NAMES_ZH[d]);
    for (const id of RIGHT_IDS) expect(L.RIGHT_ZH[id]).toBe(RIGHTS[id].labelZh);
  });

  it('never shows a raw code: an unknown one is 「其他」, a condition factor names the condition', () => {
    expect(L.label(L.TICKET_STATUS_ZH, 'something_new')).toBe('其他');
    expect(L.riskFactorLabel('condition:diabetes')).toBe('既往病史：糖尿病');
  });
});
