import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyCache } from './body-cache.ts';

describe('body cache', () => {
  it('builds a body once per key, even for concurrent requests, and keeps plain, Brotli and gzip bytes that agree', async () => {
    const cache = new BodyCache();
    let builds = 0;
    const build = async () => {
      builds++;
      return { plan: 'v1', stops: Array.from({ length: 100 }, (_, i) => i) };
    };
    const [a, b] = await Promise.all([cache.get('plan.v1', build), cache.get('plan.v1', build)]);
    expect(builds).toBe(1);
    expect(a).toBe(b);
    expect(gunzipSync(a.gzip).equals(a.json)).toBe(true);
    expect(brotliDecompressSync(a.br).equals(a.json)).toBe(true);
    expect(JSON.parse(a.json.toString()).plan).toBe('v1');
    expect(a.etag).toBe('"plan.v1"');
  });

  it('Brotli makes a large JSON body smaller than gzip does', async () => {
    const cache = new BodyCache();
    const stops = Array.from({ length: 2000 }, (_, i) => ({
      id: `stop-${i}`,
      at: `2026-12-0${1 + (i % 5)}T08:${String(i % 60).padStart(2, '0')}:00`,
      kind: i % 2 ? 'drop' : 'pick',
    }));
    const body = await cache.get('plan.big', () => ({ stops }));
    expect(body.br.length).toBeLessThan(body.gzip.length);
    expect(JSON.parse(brotliDecompressSync(body.br).toString())).toEqual({ stops });
  });

  it('forgets the least recently used bodies beyond its size limit', async () => {
    const cache = new BodyCache(5000);
    let builds = 0;
    const big = (tag: string) => async () => {
      builds++;
      return { tag, filler: Array.from({ length: 200 }, (_, i) => `${tag}-${i}`) };
    };
    await cache.get('a', big('a'));
    await cache.get('b', big('b'));
    await cache.get('a', big('a'));
    expect(builds).toBe(2);
    await cache.get('c', big('c'));
    await new Promise((r) => setTimeout(r, 0));
    await cache.get('c', big('c'));
    expect(builds).toBe(3);
    await cache.get('b', big('b'));
    expect(builds).toBe(4);
  });
});
