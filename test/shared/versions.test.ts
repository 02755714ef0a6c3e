import { describe, expect, it } from 'vitest';
import { compareVersions, newestVersion } from '../../shared/versions';

describe('which station runs an older version', () => {
  it('compares by numbers, not as text', () => {
    expect(compareVersions('0.10.0', '0.9.3')).toBe(1);
    expect(compareVersions('0.2.0', '0.2.0')).toBe(0);
    expect(compareVersions('v1.0.0', '1.0.1')).toBe(-1);
  });
  it('a pre-release is older than its release', () => {
    expect(compareVersions('0.2.0-rc.1', '0.2.0')).toBe(-1);
  });
  it('finds the newest seen', () => {
    expect(newestVersion(['0.1.0', '0.10.0', '0.9.0'])).toBe('0.10.0');
    expect(newestVersion([])).toBeUndefined();
  });
});
