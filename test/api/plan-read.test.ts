import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanSchema } from '../../server/contract/plan.ts';
import { appendVersion } from '../../server/plan-store/plan-store.ts';
import { startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { seedPublishedAndDraft, seedWorld, worldPlan } from '../helpers/world.ts';

// The plan read is served from a per-version cache: it must still be exactly the version asked
// for, never a stale one, and every read must still pass the role check and reach the audit log.
let t: TestApp;
let coord: TestSession;
let planId: string;
beforeAll(async () => {
  t = await startTestApp();
  await seedWorld(t.db);
  planId = await seedPublishedAndDraft(t.db);
  coord = await t.login('coordinator');
});
afterAll(async () => {
  await t?.close();
});

/** A raw GET, so the test sees the bytes on the wire (fetch would unzip them silently). */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      t.baseUrl + path,
      { headers: { authorization: `Bearer ${coord.token}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('reading a plan', () => {
  it('the current version comes with its version as ETag, Brotli for a browser, gzip or plain for other clients, and an unchanged plan is a 304', async () => {
    const br = await rawGet(`/api/plans/${planId}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers.etag).toBe('"v2"');
    const plan = PlanSchema.parse(JSON.parse(brotliDecompressSync(br.body).toString()));
    expect(plan).toMatchObject({ id: planId, version: 2, status: 'draft' });
    expect(plan.days[0]!.routes[0]!.driverId).toBe('drv-b');

    const zipped = await rawGet(`/api/plans/${planId}`, { 'accept-encoding': 'br;q=0, gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(plan);

    for (const headers of [{}, { 'accept-encoding': 'deflate' }] as Record<string, string>[]) {
      const plain = await rawGet(`/api/plans/${planId}`, headers);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(plain.body.toString())).toEqual(plan);
    }

    const again = await rawGet(`/api/plans/${planId}`, { 'if-none-match': '"v2"' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('?version=published and ?version=N answer that version, not the newest one', async () => {
    const pub = await coord.fetch(`/api/plans/${planId}?version=published`);
    expect(pub.headers.get('etag')).toBe('"v1"');
    expect(await pub.json()).toMatchObject({
      version: 1,
      status: 'published',
      days: [{ routes: [{ driverId: 'drv-a' }, { driverId: 'drv-b' }] }],
    });
    expect((await (await coord.fetch(`/api/plans/${planId}?version=2`)).json()).version).toBe(2);
    const missing = await coord.fetch(`/api/plans/${planId}?version=9`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toContain('no version 9');
    expect((await coord.fetch('/api/plans/plan-2030-W01')).status).toBe(404);
  });

  it('a new version is seen at once: the cache is keyed by the version, so it is never stale', async () => {
    expect((await (await coord.fetch(`/api/plans/${planId}`)).json()).version).toBe(2);
    const next = worldPlan();
    next.days[0]!.routes[1]!.driverId = null;
    await appendVersion(t.db, planId, { baseVersion: 2, status: 'draft', reason: 'move', plan: next });
    const res = await coord.fetch(`/api/plans/${planId}`, { headers: { 'if-none-match': '"v2"' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"v3"');
    expect((await res.json()).days[0].routes[1].driverId).toBeNull();
  });

  it('every read passes the role check and is in the audit log, cached or not', async () => {
    for (const who of ['driver', 'family'] as const) {
      expect((await (await t.login(who)).fetch(`/api/plans/${planId}`)).status).toBe(403);
    }
    const audit = await (await coord.fetch(`/api/audit?entity=plan&pageSize=100`)).json();
    const read = (audit.items as { action: string; entityId: string; actorUsername: string }[])
      .filter((e) => e.action === 'read' && e.actorUsername === 'coordinator')
      .map((e) => e.entityId);
    expect(new Set(read)).toEqual(new Set([`${planId}/v1`, `${planId}/v2`, `${planId}/v3`]));
  });
});
