import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.OSRM_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe('./data');
  });

  it('treats an empty variable as unset (docker-compose writes REDIS_URL= for none)', () => {
    expect(loadConfig({ REDIS_URL: '', DATABASE_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('stops with a message naming each bad variable and its value', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' });
    } catch (e) {
      expect((e as Error).message).toContain('PORT="eighty"');
      expect((e as Error).message).toContain('DATABASE_URL="not a url"');
    }
  });

  it('refuses to run in production without a SESSION_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });

  it('PLAN_FLOW (plan weeks through the week flow) needs a real queue: refused without REDIS_URL', () => {
    expect(() => loadConfig({ PLAN_FLOW: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ PLAN_FLOW: '1', REDIS_URL: '' })).toThrow(/PLAN_FLOW="1": needs REDIS_URL/);
    expect(() => loadConfig({ PLAN_FLOW: 'yes', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/PLAN_FLOW/);
    expect(loadConfig({ PLAN_FLOW: '1', REDIS_URL: 'redis://127.0.0.1:6379' }).PLAN_FLOW).toBe(true);
    expect(loadConfig({}).PLAN_FLOW).toBe(false);
  });
});
