import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestSession } from '../helpers/app.ts';
import { MILANO, OLGIATE, households, passengers, seedWorld } from '../helpers/world.ts';

let t: TestApp;
let coord: TestSession;
beforeAll(async () => {
  t = await startTestApp({ setup: seedWorld });
  coord = await t.login('coordinator');
});
afterAll(async () => {
  await t?.close();
});

const newHousehold = (id: string, place = OLGIATE) => ({
  id,
  name: 'Verdi',
  home: { ...place, label: 'via Dante 1' },
  adults: [{ name: 'Sara Verdi', phone: '+39 1' }],
  workHours: {},
});

describe('coordinator CRUD', () => {
  it('lists passengers with paging and filters by municipality, age group and text', async () => {
    const all = await (await coord.fetch('/api/passengers?page=1&pageSize=1')).json();
    expect(all).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(all.items).toHaveLength(1);
    const olgiate = await (await coord.fetch('/api/passengers?municipality=Olgiate%20Olona')).json();
    expect(olgiate.items.map((p: { id: string }) => p.id)).toEqual(['pb-1']);
    const children = await (await coord.fetch('/api/passengers?ageGroup=child')).json();
    expect(children.items.map((p: { id: string }) => p.id)).toEqual(['pa-1']);
    const text = await (await coord.fetch('/api/passengers?q=marco')).json();
    expect(text.items.map((p: { id: string }) => p.id)).toEqual(['pb-1']);
    const byService = await (await coord.fetch('/api/requests?service=svc-cdd&municipality=012042')).json();
    expect(byService.items.map((r: { id: string }) => r.id)).toEqual(['rq-pa-1']);
  });

  it('an unknown municipality in a filter is a 400 naming the parameter and the value', async () => {
    const res = await coord.fetch('/api/passengers?municipality=Varese');
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0]).toMatchObject({ path: 'municipality', value: 'Varese' });
  });

  it('creates, reads, replaces and deletes a household; the server fills in the ISTAT code', async () => {
    const created = await coord.fetch('/api/households', { method: 'POST', json: newHousehold('hh-new') });
    expect(created.status).toBe(201);
    expect((await created.json()).home.istatCode).toBe('012108');
    expect((await (await coord.fetch('/api/households/hh-new')).json()).name).toBe('Verdi');
    const replaced = await coord.fetch('/api/households/hh-new', {
      method: 'PUT',
      json: { ...newHousehold('hh-new'), name: 'Verdi-Neri' },
    });
    expect(replaced.status).toBe(200);
    expect((await (await coord.fetch('/api/households/hh-new')).json()).name).toBe('Verdi-Neri');
    expect((await coord.fetch('/api/households/hh-new', { method: 'DELETE' })).status).toBe(204);
    expect((await coord.fetch('/api/households/hh-new')).status).toBe(404);
  });

  it('a home outside the 16 municipalities is a 400 naming the field and the value, and nothing is changed', async () => {
    const res = await coord.fetch('/api/households/hh-a', {
      method: 'PUT',
      json: { ...households[0], home: { ...MILANO, label: 'Milano' } },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('REQUEST_INVALID');
    expect(body.error.details[0]).toMatchObject({ path: 'home', value: { lat: MILANO.lat, lon: MILANO.lon } });
    expect((await (await coord.fetch('/api/households/hh-a')).json()).home.label).toBe(households[0]!.home.label);
  });

  it('a body failing the schema is a 400 with the field path and the value received', async () => {
    const res = await coord.fetch('/api/passengers', {
      method: 'POST',
      json: { ...passengers[0], id: 'p-x', mobility: 'flying' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([expect.objectContaining({ path: 'mobility', value: 'flying' })]);
    const nested = await coord.fetch('/api/vehicles', {
      method: 'POST',
      json: {
        id: 'v-x',
        label: 'X',
        capacity: { seats: -1, wheelchairs: 0 },
        features: {},
        depot: { ...OLGIATE, label: 'd' },
        hours: {},
      },
    });
    expect((await nested.json()).error.details[0]).toMatchObject({ path: 'capacity.seats', value: -1 });
  });

  it('a reference to a missing household is a 400; deleting a household still in use is a 409', async () => {
    const res = await coord.fetch('/api/passengers', {
      method: 'POST',
      json: { ...passengers[0], id: 'p-y', householdId: 'hh-none' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0]).toMatchObject({ path: 'householdId', value: 'hh-none' });
    const del = await coord.fetch('/api/households/hh-a', { method: 'DELETE' });
    expect(del.status).toBe(409);
  });

  it('creating an id twice is a 409; a PUT whose body id differs from the URL is a 400', async () => {
    expect((await coord.fetch('/api/households', { method: 'POST', json: households[0] })).status).toBe(409);
    const res = await coord.fetch('/api/households/hh-b', { method: 'PUT', json: households[0] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('id');
  });

  it('reading personal data is written to the audit log, which only a coordinator may read', async () => {
    await coord.fetch('/api/passengers/pa-1');
    const log = await (await coord.fetch('/api/audit?entity=passenger&entityId=pa-1')).json();
    expect(log.items[0]).toMatchObject({
      actorUsername: 'coordinator',
      action: 'read',
      entity: 'passenger',
      entityId: 'pa-1',
    });
    const family = await t.login('family');
    expect((await family.fetch('/api/audit')).status).toBe(403);
  });
});
