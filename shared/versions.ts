/**
 * Which stations run an older version than the newest one seen in the fleet (issue 11/12: an update that reached
 * some stations only). Versions compare by their numbers (0.10.0 is newer than 0.9.3); a pre-release (0.2.0-rc.1)
 * is older than its release.
 */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = a.trim().replace(/^v/, '').split('-', 2);
  const [coreB = '', preB] = b.trim().replace(/^v/, '').split('-', 2);
  const na = coreA.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const nb = coreB.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? 0) - (nb[i] ?? 0);
    if (d) return Math.sign(d);
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}

/** The newest version among these, or undefined when there are none. */
export function newestVersion(versions: string[]): string | undefined {
  return versions
    .filter(Boolean)
    .reduce<string | undefined>((best, v) => (best === undefined || compareVersions(v, best) > 0 ? v : best), undefined);
}
