import { batchMassTasks } from '../../../domain/reminders/channel-router';
import { ApiBlocked, CHANNEL_API } from '../api-pacer';
import { classifySendError, type SendFailure, type SendPhase } from '../delivery-outcome';
import { occurrenceKey } from '../reminder-doc';
import { DeadlineReached, mapPool } from '../throttle';
import { markInFlight } from './lease';
import { deferBlocked, finalizeSent, handleFailure } from './outcomes';
import { Crashed, type RunState } from './run-state';
import { withCadence, type MassItem } from './types';

type MassBatch = ReturnType<typeof batchMassTasks>[number];

/** Gives back a mass item's anti-spam reservation (none for an emergency). */
const releaseRules = async (run: RunState, m: MassItem) => {
  if (m.hash !== null) await run.deps.memberState.release(m.doc.memberId as string, occurrenceKey(m.doc), run.clock.nowMs());
};

/**
 * Mass tasks of one batch: one add_msg_template per (sender, text), ≤ 10 000 customers each
 * (batchMassTasks). Customers a sender cannot reach (fail_list, 41048/84061) go to their next
 * candidate sender in another round; with none left the occurrence fails as mass_not_contact.
 */
export async function flushMassTasks(run: RunState, items: MassItem[]): Promise<void> {
  let pending = items;
  while (pending.length > 0) {
    const retry: MassItem[] = [];
    const byKey = new Map<string, MassItem[]>();
    const keyOf = (sender: string, text: string, ext: string) => JSON.stringify([sender, text, ext]);
    for (const item of pending) {
      const key = keyOf(item.senders[item.senderIndex] as string, item.text, item.externalUserId);
      byKey.set(key, [...(byKey.get(key) ?? []), item]);
    }
    const batches = batchMassTasks(pending.map((i) => ({ senderUserId: i.senders[i.senderIndex] as string, externalUserId: i.externalUserId, contentKey: i.text })));
    await mapPool(batches, batches.length, (batch) =>
      run.work.run(() => sendBatch(run, batch, batch.externalUserIds.flatMap((ext) => byKey.get(keyOf(batch.senderUserId, batch.contentKey, ext)) ?? []), retry)),
    );
    pending = retry;
  }
}

/** One add_msg_template call and the outcome of each of its members; those to try with their next sender go to `retry`. */
async function sendBatch(run: RunState, batch: MassBatch, items: MassItem[], retry: MassItem[]): Promise<void> {
  let members = items;
  let failList: Set<string> | undefined;
  let failure: SendFailure | undefined;
  let phase: SendPhase = 'before';
  try {
    await run.waitForToken(CHANNEL_API.mass_task);
    // The marks and the call are one step: a crash lands before the marks or after the call.
    run.checkCrash();
    const marked = await Promise.all(members.map((m) => markInFlight(run, m.doc, 'mass_task', false)));
    const lost = members.filter((_, i) => !marked[i]);
    members = members.filter((_, i) => marked[i]);
    for (const m of lost) await releaseRules(run, m);
    let failed: string[] = [];
    if (members.length > 0) {
      phase = 'calling';
      failed = (await run.deps.wecom.addMsgTemplate({ sender: batch.senderUserId, externalUserIds: [...new Set(members.map((m) => m.externalUserId))], text: batch.contentKey })).failList;
    }
    failList = new Set(failed);
  } catch (err) {
    if (err instanceof Crashed) throw err;
    if (err instanceof DeadlineReached || err instanceof ApiBlocked) {
      for (const m of members) {
        await releaseRules(run, m);
        if (err instanceof ApiBlocked) await deferBlocked(run, m.doc, err);
        else run.handBack(m.doc);
      }
      return;
    }
    failure = classifySendError(err, phase);
  }
  if (failList) run.afterSend(members.filter((m) => !failList?.has(m.externalUserId)).length);
  if (failure?.kind === 'rate_limited') run.blockApi(CHANNEL_API.mass_task, failure.backoffMs);
  await mapPool(members, run.settings.concurrency, async (m) => {
    if (failList && !failList.has(m.externalUserId)) return finalizeSent(run, m.doc, { channel: 'mass_task', reason: m.choice.reason, ...withCadence(m.cadenceNextAtMs) });
    // Not a contact of this sender (fail_list, or the whole call refused for that reason): next sender.
    const unreachable = failList !== undefined || failure?.kind === 'reroute';
    if (unreachable && m.senderIndex + 1 < m.senders.length) {
      retry.push({ ...m, senderIndex: m.senderIndex + 1 });
      return;
    }
    const f: SendFailure = unreachable || !failure ? { kind: 'final', code: 'mass_not_contact', errcode: failure?.errcode ?? null } : failure;
    if (f.kind !== 'unknown') await releaseRules(run, m);
    return handleFailure(run, m.doc, f, 'mass_task', m.cadenceNextAtMs, false);
  });
}
