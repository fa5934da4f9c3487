import { open, type FileHandle } from 'node:fs/promises';
import storage from '@seald-io/nedb/lib/storage.js';

const handles = new Map<string, Promise<FileHandle>>();
let installed = false;

/**
 * nedb appends every write with `fs.promises.appendFile`, which opens, writes and closes the file
 * each time; on a write-heavy collection the open and close cost more than the write. This keeps
 * one handle per file open in append mode instead (nedb calls these functions through its storage
 * module, so replacing them there covers every datastore).
 *
 * Durability is the same as before: a write is handed to the kernel (write(2)) before the
 * operation resolves, exactly as appendFile did, and neither fsyncs — a kill -9 right after a write
 * resolved finds it in the file. Compaction replaces the file by a rename, so the handle of the old
 * file is closed first and the next append opens the new one. nedb runs a datastore's operations
 * one at a time, and one process has one datastore per file (embedded.ts), so appends to a file
 * never race its compaction.
 */
export function appendThroughOpenHandles(): void {
  if (installed) return;
  installed = true;
  const crashSafeWrite = storage.crashSafeWriteFileLinesAsync.bind(storage);

  storage.appendFileAsync = async (file, data, options) => {
    let handle = handles.get(file);
    if (!handle) {
      handle = open(file, 'a', options.mode);
      handles.set(file, handle);
      handle.catch(() => handles.delete(file));
    }
    await (await handle).appendFile(data, { encoding: options.encoding });
  };

  storage.crashSafeWriteFileLinesAsync = async (file, lines, modes) => {
    await closeAppendHandle(file);
    await crashSafeWrite(file, lines, modes);
  };
}

/** Closes the append handle of `file`, if one is open (before compaction, on close). */
async function closeAppendHandle(file: string): Promise<void> {
  const handle = handles.get(file);
  if (!handle) return;
  handles.delete(file);
  await (await handle.catch(() => null))?.close();
}
