import { FOUR_R_ROLES } from '../../domain/team/roles';
import { RED_FLAGS } from '../../domain/triage/types';
import { preApprove } from '../review/pre-approved';
import { appendedText, emergencyText, heldNoticeText, unregisteredText, unsupportedText } from './texts';

// Triage's fixed texts to members, pre-approved for the outbound review (services/review/pre-approved.ts).
preApprove(() => [
  unregisteredText(),
  unsupportedText(),
  heldNoticeText(),
  ...FOUR_R_ROLES.map((role) => appendedText(role)),
  ...RED_FLAGS.flatMap((f) => [emergencyText([f], { familyDoctor: true }), emergencyText([f], { familyDoctor: false })]),
]);
