/** A small choice of the person's (a panel folded away) kept across runs in localStorage. */
export function remembered(key: string, fallback: boolean): boolean {
  try {
    const v = localStorage.getItem(`daftar.${key}`);
    return v === null ? fallback : v === '1';
  } catch {
    return fallback;
  }
}

export function remember(key: string, value: boolean): void {
  try {
    localStorage.setItem(`daftar.${key}`, value ? '1' : '0');
  } catch {
    // Storage unavailable: the choice lasts this run only.
  }
}
