import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the zod schemas of the routes', async () => {
    const doc = await (await fetch(`${t.baseUrl}/api/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const create = doc.paths['/api/passengers'].post;
    expect(create['x-roles']).toEqual(['coordinator']);
    expect(create.requestBody.content['application/json'].schema.properties.mobility.enum).toContain('wheelchair');
    expect(doc.paths['/api/driver/runs/{date}'].get.parameters[0]).toMatchObject({
      name: 'date',
      in: 'path',
      required: true,
    });
    expect(doc.paths['/api/passengers'].get.parameters.map((p: { name: string }) => p.name)).toContain('municipality');
  });

  it('serves a readable page listing every operation, with nothing loaded from elsewhere', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs`);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('/api/family/absences');
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/);
  });

  it('serves the 16 municipality boundaries as GeoJSON, gzipped for a browser, 304 when unchanged', async () => {
    const res = await fetch(`${t.baseUrl}/api/municipalities`);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const fc = await res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(16);
    const etag = res.headers.get('etag')!;
    expect((await fetch(`${t.baseUrl}/api/municipalities`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const plain = await fetch(`${t.baseUrl}/api/municipalities`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await plain.json()).features).toHaveLength(16);
  });
});
