/**
 * The production topology in docker-compose.yml is valid and complete, checked by the
 * docker-compose binary itself (`config` needs no Docker engine). Under CI=true a missing
 * docker-compose fails the test; elsewhere the suite skips it and says why.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function hasDockerCompose(): boolean {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = hasDockerCompose();
if (!available && process.env.CI === 'true') {
  throw new Error('CI=true: docker-compose is not installed (Debian package docker-compose; .ci/run installs it)');
}
if (!available)
  console.warn(
    'docker-compose.test.ts skipped: the docker-compose binary is not installed (apt-get install docker-compose)',
  );

// An empty env file, so a developer's .env does not change what is tested.
const dir = mkdtempSync(join(tmpdir(), 'compose-'));
const emptyEnv = join(dir, 'empty.env');
writeFileSync(emptyEnv, '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secrets = { POSTGRES_PASSWORD: 'test-password', SESSION_SECRET: 'test-secret-0123456789' };

function compose(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !['POSTGRES_PASSWORD', 'SESSION_SECRET', 'OSRM_DATASET', 'OSRM_MAX_TABLE_SIZE', 'OSRM_IMAGE'].includes(k),
    ),
  );
  return new Promise((resolve) => {
    execFile(
      'docker-compose',
      ['--env-file', emptyEnv, '-f', 'docker-compose.yml', ...args],
      { cwd: root, env: { ...clean, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The lines of one service in `docker-compose config` output (two-space indented YAML). */
function serviceBlock(config: string, name: string): string {
  const lines = config.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && /^ {0,2}\S/.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** The names under a top-level key (`services:`, `volumes:`) of `docker-compose config` output. */
function topLevelNames(config: string, key: string): string[] {
  const lines = config.split('\n');
  const start = lines.indexOf(`${key}:`);
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .map((l) => /^ {2}([\w.-]+):/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort();
}

type Run = Awaited<ReturnType<typeof compose>>;

describe.skipIf(!available)('docker-compose.yml, the production topology', () => {
  // docker-compose (Python) takes ~2 s per call: run them all at once.
  let check: Run, full: Run, noSecrets: Run;
  beforeAll(async () => {
    [check, full, noSecrets] = await Promise.all([
      compose(['config', '-q'], secrets),
      compose(['config'], secrets),
      compose(['config', '-q'], {}),
    ]);
  });

  it('is valid for docker-compose (config -q)', () => {
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('runs api, worker, redis, postgres and osrm, with the one-shot OSRM preparation', () => {
    expect(topLevelNames(full.stdout, 'services')).toEqual([
      'api',
      'osrm',
      'osrm-download',
      'osrm-prepare',
      'postgres',
      'redis',
      'worker',
    ]);
    expect(topLevelNames(full.stdout, 'volumes')).toEqual(['osrm-data', 'postgres-data', 'redis-data']);
  });

  it('gives api and worker the database, the queue and OSRM, and waits for OSRM data before serving it', () => {
    const { stdout } = full;
    for (const service of ['api', 'worker']) {
      const block = serviceBlock(stdout, service);
      expect(block).toContain('OSRM_URL: http://osrm:5000');
      expect(block).toContain('DATABASE_URL: postgres://prontivia:test-password@postgres:5432/prontivia');
      expect(block).toContain('REDIS_URL: redis://redis:6379');
    }
    expect(serviceBlock(stdout, 'worker')).toMatch(/- npm\n\s+- run\n\s+- worker/);
    const osrm = serviceBlock(stdout, 'osrm');
    expect(osrm).toMatch(/- osrm-routed\n\s+- --algorithm\n\s+- mld/);
    expect(osrm).toMatch(/osrm-prepare:\n\s+condition: service_completed_successfully/);
    expect(serviceBlock(stdout, 'osrm-prepare')).toMatch(
      /osrm-download:\n\s+condition: service_completed_successfully/,
    );
    expect(serviceBlock(stdout, 'osrm-download')).toContain('OSM_BBOX: 8.54,45.49,9.04,45.79');
    expect(serviceBlock(stdout, 'postgres')).toContain('healthcheck:');
  });

  it('keeps session cookies Secure in production and believes no proxy unless told', () => {
    for (const service of ['api', 'worker']) {
      const block = serviceBlock(full.stdout, service);
      expect(block).toContain('NODE_ENV: production');
      expect(block).toMatch(/COOKIE_SECURE: "true"/);
      expect(block).toMatch(/TRUST_PROXY: "?false"?/);
    }
  });

  it('refuses to start without the database password and session secret, naming them', () => {
    expect(noSecrets.code).not.toBe(0);
    expect(noSecrets.stderr).toMatch(/POSTGRES_PASSWORD|SESSION_SECRET/);
  });
});
