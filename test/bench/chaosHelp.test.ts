/**
 * `npm run chaos -- --help` answers with what the drill does and its flags, at once: it starts no database, no
 * station and no drill (before, `--help` was an unknown flag and the default drill of 3 stations and 300 orders ran).
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../test/testDatabase', () => ({
  startTestServer: () => Promise.reject(new Error('the drill started a test database instead of printing its help')),
}));

const { run } = await import('../../bench/chaos');

async function helpOf(args: string[]): Promise<string> {
  const lines: string[] = [];
  await run(args, (line) => lines.push(line));
  return lines.join('\n');
}

describe('npm run chaos -- --help', () => {
  it('prints the usage and every fault flag, and runs no drill', async () => {
    const help = await helpOf(['--help']);
    expect(help).toContain('npm run chaos --');
    for (const flag of ['--stations', '--orders', '--kills', '--restarts', '--stalls', '--submit-errors', '--operator-actions', '--seed'])
      expect(help).toContain(flag);
  });

  it('answers -h the same way, whatever other flags are given', async () => {
    expect(await helpOf(['--stations', '2', '-h'])).toBe(await helpOf(['--help']));
  });
});
