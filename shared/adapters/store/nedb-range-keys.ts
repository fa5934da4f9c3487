import type { Update } from '../../ports/document-store';

type Q = Record<string, unknown>;

/**
 * Range indexes for the embedded store on numeric fields that many documents share values of
 * (instants: thousands of reminders due at 09:00). nedb keeps one array per index key and rebuilds it
 * on every update of one of its documents, so a plain index on such a field makes each update O(k).
 * Instead a hidden field holds value + a fraction in [0, 1) drawn at each write: keys are distinct,
 * updates stay O(log n), and a range on the field becomes a slightly wider range on the hidden key
 * (the exact condition on the field still decides). Documents without the field stay out of the index.
 */
export class RangeKeys {
  private readonly fields = new Set<string>();
  /** Fields some document holds a non-integer number in: their key order is not their value order. */
  private readonly fractional = new Set<string>();
  /** The projection that hides the keys, rebuilt only when a field is added (read on every get/find). */
  private hidden: Record<string, 0> | undefined;

  static keyOf(field: string): string {
    return `__range_${field.replace(/\./g, '_')}`;
  }

  add(field: string): void {
    this.fields.add(field);
    this.hidden = Object.fromEntries([...this.fields].map((f) => [RangeKeys.keyOf(f), 0]));
  }

  /** A value of `field` seen (written, or found when the index was set up). */
  note(field: string, value: unknown): void {
    if (typeof value === 'number' && !Number.isInteger(value)) this.fractional.add(field);
  }

  /**
   * Whether every value of `field` is an integer (instants in ms are), so that sorting on the key
   * sorts on the value: keys are value + a fraction below 1 (nedb-ordered-range.ts reads in key order).
   */
  integersOnly(field: string): boolean {
    return this.fields.has(field) && !this.fractional.has(field);
  }

  get any(): boolean {
    return this.fields.size > 0;
  }

  /** Hides the keys from what callers read. */
  projection(): Record<string, 0> | undefined {
    return this.hidden;
  }

  /** The key a document should carry for `field` (undefined: none, the value is not a number). */
  static keyValue(value: unknown): number | undefined {
    return typeof value === 'number' && Number.isFinite(value) ? value + Math.random() * 0.999 : undefined;
  }

  withKeys(doc: Q): Q {
    if (!this.any) return doc;
    const out: Q = { ...doc };
    for (const f of this.fields) {
      this.note(f, doc[f]);
      const k = RangeKeys.keyValue(doc[f]);
      if (k !== undefined) out[RangeKeys.keyOf(f)] = k;
    }
    return out;
  }

  /**
   * The update with the keys' writes added. `recompute`: an operator other than $set/$unset changed a
   * keyed field, so its key is written from the updated document afterwards.
   */
  withKeyWrites(update: Omit<Update, '$setOnInsert'>): { update: Omit<Update, '$setOnInsert'>; recompute: string[] } {
    if (!this.any) return { update, recompute: [] };
    const set: Q = { ...(update.$set ?? {}) };
    const unset: Record<string, true> = { ...(update.$unset ?? {}) };
    const recompute: string[] = [];
    for (const f of this.fields) {
      if (f in set) {
        this.note(f, set[f]);
        const k = RangeKeys.keyValue(set[f]);
        if (k === undefined) unset[RangeKeys.keyOf(f)] = true;
        else set[RangeKeys.keyOf(f)] = k;
      }
      if (f in unset) unset[RangeKeys.keyOf(f)] = true;
      if ((update.$inc && f in update.$inc) || (update.$push && f in update.$push)) recompute.push(f);
    }
    return {
      update: { ...update, ...(Object.keys(set).length > 0 && { $set: set }), ...(Object.keys(unset).length > 0 && { $unset: unset }) },
      recompute,
    };
  }

  /** Whether a query built by withKeyBounds reads through a range key. */
  bounded(query: Q): boolean {
    return [...this.fields].some((f) => RangeKeys.keyOf(f) in query);
  }

  /** Adds, after the field's own condition, a top-level bound on its key that nedb plans with. */
  withKeyBounds(query: Q): Q {
    if (!this.any) return query;
    const out: Q = { ...query };
    for (const f of this.fields) {
      const c = query[f];
      if (typeof c !== 'object' || c === null || c instanceof Date) continue;
      const ops = c as Record<string, unknown>;
      const bound: Q = {};
      const upper = [ops.$lt, ops.$lte].filter((v): v is number => typeof v === 'number');
      const lower = [ops.$gt, ops.$gte].filter((v): v is number => typeof v === 'number');
      if (upper.length > 0) bound.$lt = Math.min(...upper) + 1;
      if (lower.length > 0) bound.$gte = Math.max(...lower);
      if (Object.keys(bound).length > 0) out[RangeKeys.keyOf(f)] = bound;
    }
    return out;
  }
}
