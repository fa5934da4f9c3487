/**
 * A session token lives in sessionStorage: it survives a reload of the tab, ends with the tab, and
 * never appears in an address bar, a bookmark or a forwarded link.
 */
export function sessionSlot(name: string) {
  const key = `health.${name}`;
  return {
    get: (): string | null => sessionStorage.getItem(key),
    set: (value: string): void => sessionStorage.setItem(key, value),
    clear: (): void => sessionStorage.removeItem(key),
  };
}
