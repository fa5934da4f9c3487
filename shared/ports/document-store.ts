/**
 * The one persistence port. Mongo-flavoured on purpose: the three backends (nedb, MongoDB,
 * CloudBase) all speak a subset of MongoDB's query and update language, so the port exposes
 * exactly that common subset and nothing more.
 *
 * Conventions used across the code base:
 * - every document has a string `_id` chosen by the caller (natural or idempotency key);
 * - instants are epoch milliseconds in fields ending in `AtMs` (sortable, portable);
 * - a field used for expiry (TTL index) holds a `Date`.
 *
 * Semantics every adapter honours (checked by tests/contract/document-store.contract.ts):
 * - `null` follows MongoDB: `{ f: null }` and `$in: [null]` also match documents without `f`;
 *   `$ne: null` and `$nin: [null]` match only documents where `f` is present and not null;
 * - keys whose filter value is `undefined` are ignored;
 * - sort on fields holding one type (mixed-type ordering differs between backends) and add a
 *   unique tie-breaker when order among equal keys matters;
 * - `$ne`/`$nin` on array-valued fields are not portable (nedb differs); do not use them;
 * - collection names match /^[A-Za-z][A-Za-z0-9_-]{0,63}$/ (they are file names in the embedded store).
 */

export type Doc = { _id: string } & Record<string, unknown>;

export type Scalar = string | number | boolean | null | Date;

/** Operators the three backends share. Dotted paths address nested fields. */
export interface FieldCondition {
  $eq?: Scalar;
  $ne?: Scalar;
  $gt?: number | string | Date;
  $gte?: number | string | Date;
  $lt?: number | string | Date;
  $lte?: number | string | Date;
  $in?: Scalar[];
  $nin?: Scalar[];
  $exists?: boolean;
}

/**
 * Field paths map to a value (equality) or a condition. The index signature also admits
 * `Filter[]` only so that `$or` type-checks in object literals; other keys never take arrays.
 */
export type Filter = {
  [path: string]: Scalar | FieldCondition | Filter[] | undefined;
  $or?: Filter[];
};

export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, true>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  /** Only applied when an upsert inserts. */
  $setOnInsert?: Record<string, unknown>;
}

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  limit?: number;
  skip?: number;
}

export interface UpdateResult {
  /** Documents the filter matched (0 or 1 for single-document updates). */
  matched: number;
  /** True when an upsert inserted a new document. */
  upserted: boolean;
}

export interface IndexSpec {
  fields: string[];
  unique?: boolean;
  /**
   * TTL: the document is removed some time after the Date in the top-level field `fields[0]`
   * plus this many seconds. Removal is eventual (MongoDB's monitor runs every ~60 s, CloudBase
   * has no TTL and the adapter purges lazily), so a reader that must not see an expired document
   * compares the date itself. Call ensureIndex at start-up on every backend: the embedded store
   * only expires documents of collections whose TTL index was ensured in this process.
   */
  expireAfterSeconds?: number;
  /**
   * A single numeric field queried by range whose values many documents share (instants), or that most
   * documents lack. The embedded store then indexes it so that updates stay O(log n) (nedb-range-keys.ts);
   * MongoDB and CloudBase index it as usual.
   */
  ranged?: boolean;
}

export interface Collection<T extends Doc = Doc> {
  /** Inserts; throws DuplicateKeyError when `_id` or a unique index already holds the key. */
  insert(doc: T): Promise<T>;
  get(id: string): Promise<T | null>;
  findOne(filter: Filter, options?: Pick<FindOptions, 'sort'>): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /**
   * Updates at most one document matching `filter`. This is the compare-and-set primitive:
   * put the expected state in the filter and check `matched` to learn whether you won.
   */
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<{ matched: number }>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  ensureIndex(spec: IndexSpec): Promise<void>;
}

export interface DocumentStore {
  readonly kind: 'embedded' | 'mongodb' | 'cloudbase';
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  close(): Promise<void>;
}
