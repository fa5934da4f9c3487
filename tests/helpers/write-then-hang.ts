/**
 * A process for the kill -9 durability test: on the folder given as argument it writes 50 documents,
 * closes the store (compaction replaces the files), opens it again, writes 50 more and updates the
 * first 20, prints "written" once every write has resolved, and stays until killed.
 */
import { createEmbeddedStore } from '../../shared/adapters/store/embedded';

const dir = process.argv[2];
if (!dir) throw new Error('usage: write-then-hang.ts DIR');

async function main(dataDir: string): Promise<void> {
  const first = createEmbeddedStore({ dir: dataDir });
  for (let i = 0; i < 50; i += 1) await first.collection('entries').insert({ _id: `e${i}`, n: i });
  await first.close();
  const second = createEmbeddedStore({ dir: dataDir });
  const entries = second.collection('entries');
  for (let i = 50; i < 100; i += 1) await entries.insert({ _id: `e${i}`, n: i });
  for (let i = 0; i < 20; i += 1) await entries.updateOne({ _id: `e${i}` }, { $set: { updated: true } });
  process.stdout.write('written\n');
}
void main(dir);
setInterval(() => undefined, 60_000);
