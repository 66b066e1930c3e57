import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeOsrm } from './testing/fake-osrm-server.ts';
import { monacoOsrm, MONACO_PLACES } from './testing/monaco-osrm.ts';
import { osrmFixture } from './testing/fake-osrm-server.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'travel-times-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function travelTimes(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      join(root, 'node_modules/.bin/tsx'),
      ['server/routing/cli.ts', ...args],
      { cwd: root, env: { ...process.env, OSRM_URL: '', ROUTING_DURATION_FACTOR: '1', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run travel-times', () => {
  const homes = file('homes.json', [
    [8.8958, 45.6103],
    [8.7069, 45.6846],
    [8.79, 45.63],
  ]);

  it('prints an estimated matrix, labelled, and nothing else on stdout', async () => {
    const { code, stdout } = await travelTimes(['--provider', 'estimate', homes]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['provider', 'durations', 'distances']);
    expect(out.provider).toBe('estimate');
    expect(out.durations).toHaveLength(3);
    expect(out.distances[0][1]).toBeGreaterThan(15_000);
  });

  it('prints the OSRM matrix from the server at --osrm-url', async () => {
    const osrm = await startFakeOsrm(monacoOsrm());
    try {
      const monaco = file(
        'monaco.json',
        MONACO_PLACES.map((p) => [p.lon, p.lat]),
      );
      const { code, stdout, stderr } = await travelTimes(['--provider', 'osrm', '--osrm-url', osrm.url, monaco]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const table = osrmFixture('monaco_table_4x4');
      expect(JSON.parse(stdout)).toEqual({ provider: 'osrm', durations: table.durations, distances: table.distances });
    } finally {
      await osrm.close();
    }
  });

  it('names the bad item of FILE on stderr and exits non-zero', async () => {
    const bad = file('bad.json', '[[8.8, 45.6], [8.7, "north"]]');
    const { code, stdout, stderr } = await travelTimes(['--provider', 'estimate', bad]);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('item 1.1');
    expect(stderr).toContain('[8.7,"north"]');
  });

  it('says OSRM is unavailable when nothing answers at --osrm-url', async () => {
    const osrm = await startFakeOsrm(monacoOsrm());
    await osrm.close();
    const { code, stdout, stderr } = await travelTimes(['--provider', 'osrm', '--osrm-url', osrm.url, homes], {
      OSRM_RETRIES: '0',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('ROUTING_UNAVAILABLE');
  });
});
