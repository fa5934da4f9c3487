import type { DocumentStore } from '../../ports/document-store';
import { PLANS } from './plans';

/** The members with a plan, in id order: the population of the intake timer's plan runs. */
export async function planMemberIds(store: DocumentStore): Promise<string[]> {
  return (await store.collection(PLANS).find({}, { sort: { _id: 1 } })).map((d) => String(d._id));
}
