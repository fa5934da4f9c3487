/** nedb's storage module (CommonJS, untyped): the file writes append-handle.ts replaces. */
declare module '@seald-io/nedb/lib/storage.js' {
  const storage: {
    appendFileAsync(file: string, data: string, options: { encoding: BufferEncoding; mode?: number }): Promise<void>;
    crashSafeWriteFileLinesAsync(file: string, lines: string[], modes?: { fileMode: number; dirMode: number }): Promise<void>;
  };
  export default storage;
}

/** nedb's document model (CommonJS, untyped): the matcher and copy its own find uses (nedb-ordered-range.ts). */
declare module '@seald-io/nedb/lib/model.js' {
  const model: {
    match(doc: unknown, query: unknown): boolean;
    deepCopy(doc: unknown): unknown;
  };
  export default model;
}
