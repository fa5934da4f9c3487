/**
 * One naming rule for all backends: the embedded store uses the name as a file name, MongoDB
 * forbids `$` and CloudBase is stricter still, so only letters, digits, `_` and `-` (first char a letter).
 */
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function assertCollectionName(name: string): string {
  if (!NAME.test(name)) throw new Error(`invalid collection name "${name}": use [A-Za-z][A-Za-z0-9_-]{0,63}`);
  return name;
}
