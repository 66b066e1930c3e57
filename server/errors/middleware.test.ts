import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error.ts';
import { errorMiddleware } from './middleware.ts';

const logged: string[] = [];
let base: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.post('/zod', (req) => {
    z.object({ stops: z.array(z.object({ lat: z.number().max(90) })) }).parse(req.body);
  });
  app.get('/queue-down', () => {
    throw new AppError('QUEUE_UNAVAILABLE', 'Redis is not answering; retry shortly', [], 7.2);
  });
  app.get('/conflict', () => {
    throw new AppError('PLAN_CONFLICT', 'plan changed since you read it');
  });
  app.get('/db-down', () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  });
  app.get('/bug', () => {
    throw new TypeError("Cannot read properties of undefined (reading 'secret')");
  });
  app.use(errorMiddleware((msg) => logged.push(msg)));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close?.());

describe('error middleware', () => {
  it('a zod error is a 400 naming the nested field path and the value received', async () => {
    const res = await fetch(`${base}/zod`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stops: [{ lat: 45 }, { lat: 123 }] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({
      code: 'REQUEST_INVALID',
      details: [{ path: 'stops.1.lat', value: 123 }],
    });
  });

  it('a service or the database being down is a 503 with Retry-After in whole seconds', async () => {
    const res = await fetch(`${base}/queue-down`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('8');
    expect((await fetch(`${base}/conflict`)).status).toBe(409);
    const db = await fetch(`${base}/db-down`);
    expect(db.status).toBe(503);
    expect(db.headers.get('retry-after')).toBe('5');
    expect((await db.json()).error.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('an unexpected error is a 500 with a generic message: the details go to the server log only', async () => {
    const res = await fetch(`${base}/bug`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(text).not.toContain('TypeError');
    expect(JSON.parse(text).error.code).toBe('INTERNAL');
    expect(logged.some((l) => l.includes('GET /bug'))).toBe(true);
  });
});
