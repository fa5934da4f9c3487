/**
 * A second process for the data-folder lock tests: opens a file-backed embedded store on the folder
 * given as argument, writes one document, prints "holding" and stays until killed.
 */
import { createEmbeddedStore } from '../../shared/adapters/store/embedded';

const dir = process.argv[2];
if (!dir) throw new Error('usage: hold-data-dir.ts DIR');
const store = createEmbeddedStore({ dir });
void store
  .collection('holder')
  .insert({ _id: 'holder', pid: process.pid })
  .then(() => process.stdout.write('holding\n'));
setInterval(() => undefined, 60_000);
