/**
 * The safeguarding endpoints (issue 12). Authorised-person data and handover records are
 * special-category personal data: the coordinator sees them; a driver sees them only for the
 * passengers on their own run of today (and records handovers / nobody-home steps for those);
 * a family sees its own day's handover codes and the outcomes for its passengers. Every read
 * and every change is an audit row.
 */
import { Router } from 'express';
import type { RouterDeps } from '../app-deps.ts';
import { audit } from '../audit/audit.ts';
import type { User } from '../auth/context.ts';
import type { Household, Passenger } from '../contract/domain.ts';
import type { Plan } from '../contract/plan.ts';
import { type AuthorisedPerson, safeguardingContract as c } from '../contract/safeguarding.ts';
import type { Db } from '../db/db.ts';
import { addDays, fromIsoRome } from '../domain/calendar.ts';
import { AppError, invalid, notFound } from '../errors/app-error.ts';
import { defineRoute } from '../http/define-route.ts';
import { deletePerson, householdAdults, offeredAt, savePerson, storedPersons, validOn } from './authorised-persons.ts';
import { codeMatches, handoverCode } from './handover-code.ts';
import { handoversOf, recordHandover } from './handovers.ts';
import { addStep, caseOwner, casesOf, openCase } from './nobody-home.ts';
import { purgeExpired } from './purge.ts';
import { passengersEscorted, passengersOnRun, runHandovers, stopHandover } from './run-handovers.ts';
import { loadProfiles, loadSettings, saveProfile, saveSettings } from './settings.ts';

/** Passengers and their households by id, in one query. */
async function people(db: Db, passengerIds: string[]) {
  const { rows } = await db.query<{ kind: string; id: string; data: unknown }>(
    `SELECT kind, id, data FROM entities WHERE (kind = 'passenger' AND id = ANY($1))
       OR (kind = 'household' AND id IN (SELECT household_id FROM entities WHERE kind = 'passenger' AND id = ANY($1)))`,
    [passengerIds],
  );
  const passengers = new Map<string, Passenger>();
  const households = new Map<string, Household>();
  for (const r of rows) {
    if (r.kind === 'passenger') passengers.set(r.id, r.data as Passenger);
    else households.set(r.id, r.data as Household);
  }
  return { passenger: (id: string) => passengers.get(id), household: (id: string) => households.get(id) };
}

/** Every authorised person of the passengers: the household's adults first, then stored delegates and staff. */
async function personsOf(db: Db, passengerIds: string[]): Promise<Map<string, AuthorisedPerson[]>> {
  const look = await people(db, passengerIds);
  const stored = await storedPersons(db, passengerIds);
  return new Map(
    passengerIds.map((id) => {
      const p = look.passenger(id);
      return [
        id,
        [
          ...householdAdults(id, p ? look.household(p.householdId) : undefined),
          ...stored.filter((s) => s.passengerId === id),
        ],
      ];
    }),
  );
}

const driverIdOf = (user: User): string => {
  if (!user.driverId) throw new AppError('FORBIDDEN', `account ${user.username} is not linked to a driver`);
  return user.driverId;
};

export function safeguardingRouter(deps: RouterDeps): Router {
  const { db, clock, registry } = deps;
  const secret = deps.config.sessionSecret;
  const router = Router();
  const today = () => fromIsoRome(clock.now().toISOString()).date;
  const planFor = async (date: string): Promise<Plan | undefined> =>
    deps.plans ? deps.plans.forDate(date) : undefined;
  const nowIso = () => clock.now().toISOString();

  /** A driver may act for a run date from two days back (events queued offline) to today, never ahead. */
  const driverDate = (date: string, path: string) => {
    const t = today();
    if (date > t || date < addDays(t, -2))
      throw invalid(
        path,
        `a driver records handovers for today's run (${t}) or a queued event of the last 2 days`,
        date,
      );
  };

  // ---- authorised persons ----
  defineRoute(router, registry, c.persons, async ({ params, user }) => {
    const id = params.passengerId;
    let persons = (await personsOf(db, [id])).get(id)!;
    if (user.role === 'driver' || user.role === 'escort') {
      const date = today();
      const plan = await planFor(date);
      const mine =
        user.role === 'driver'
          ? passengersOnRun(plan, date, driverIdOf(user))
          : passengersEscorted(plan, date, user.escortId ?? '');
      if (!mine.has(id)) throw new AppError('FORBIDDEN', `passenger ${id} is not on your run today (${date})`);
      persons = persons.filter((p) => validOn(p, date));
    } else if (!(await people(db, [id])).passenger(id)) throw notFound('passenger', id);
    const profile = (await loadProfiles(db, [id])).get(id) ?? {
      passengerId: id,
      neverAlone: false,
      codeRequired: false,
    };
    await audit(db, clock, user, 'read', 'authorised_persons', id);
    return { body: { profile, persons } };
  });

  defineRoute(router, registry, c.savePerson, async ({ body, user }) => {
    if (!(await people(db, [body.passengerId])).passenger(body.passengerId))
      throw invalid('passengerId', `no passenger with id "${body.passengerId}"`, body.passengerId);
    const person = await savePerson(db, clock, body);
    await audit(db, clock, user, body.id ? 'update' : 'create', 'authorised_person', person.id);
    return { status: 201, body: person };
  });

  defineRoute(router, registry, c.deletePerson, async ({ params, user }) => {
    if (!(await deletePerson(db, params.id))) throw notFound('authorised person', params.id);
    await audit(db, clock, user, 'delete', 'authorised_person', params.id);
    return { status: 204 };
  });

  defineRoute(router, registry, c.putProfile, async ({ params, body, user }) => {
    if (!(await people(db, [params.passengerId])).passenger(params.passengerId))
      throw notFound('passenger', params.passengerId);
    const profile = await saveProfile(db, clock, { passengerId: params.passengerId, ...body });
    await audit(db, clock, user, 'update', 'safeguarding_profile', params.passengerId);
    return { body: profile };
  });

  defineRoute(router, registry, c.settings, async () => ({ body: await loadSettings(db) }));
  defineRoute(router, registry, c.putSettings, async ({ body, user }) => {
    const s = await saveSettings(db, clock, body);
    await audit(db, clock, user, 'update', 'safeguarding_settings', '1');
    return { body: s };
  });

  // ---- the driver's run ----
  defineRoute(router, registry, c.run, async ({ params, user }) => {
    const driverId = driverIdOf(user);
    if (params.date !== today())
      throw new AppError('FORBIDDEN', `handover data is shown for today's run only (${today()})`);
    const all = runHandovers(await planFor(params.date), params.date, driverId);
    const ids = [...new Set(all.map((h) => h.passenger.passengerId))];
    const [profiles, persons, look, settings] = await Promise.all([
      loadProfiles(db, ids),
      personsOf(db, ids),
      people(db, ids),
      loadSettings(db),
    ]);
    const needs = (id: string) => look.passenger(id)?.ageGroup === 'child' || profiles.get(id)?.neverAlone === true;
    const handovers = all
      .filter((h) => needs(h.passenger.passengerId))
      .map((h) => {
        const id = h.passenger.passengerId;
        const valid = persons.get(id)!;
        const home = offeredAt(valid, 'home_dropoff', params.date);
        return {
          stopId: h.stop.id,
          passengerId: id,
          passengerName: h.passenger.name,
          point: h.point,
          codeRequired: profiles.get(id)?.codeRequired ?? false,
          offered: offeredAt(valid, h.point, params.date),
          callOrder: [
            ...home.filter((p) => p.phone).map((p) => ({ label: p.name, phone: p.phone })),
            ...settings.extraCallNumbers,
          ],
        };
      });
    for (const id of new Set(handovers.map((h) => h.passengerId)))
      await audit(db, clock, user, 'read', 'authorised_persons', id);
    return {
      body: { date: params.date, handovers, waitMinutes: settings.waitMinutes, safePlaces: settings.safePlaces },
      headers: { 'Cache-Control': 'private, no-store' },
    };
  });

  defineRoute(router, registry, c.handover, async ({ body, user }) => {
    const driverId = driverIdOf(user);
    driverDate(body.date, 'date');
    const h = stopHandover(await planFor(body.date), body.date, driverId, body.stopId, body.passengerId);
    if (!h) throw notFound(`passenger ${body.passengerId} at stop on your run of ${body.date}:`, body.stopId);
    const id = body.passengerId;
    const persons = (await personsOf(db, [id])).get(id)!;
    const person = persons.find((p) => p.id === body.personId);
    const offered = offeredAt(persons, h.point, body.date).some((p) => p.id === body.personId);
    const profile = (await loadProfiles(db, [id])).get(id);
    let refusal: { path: string; message: string } | null = null;
    if (!person || !offered) refusal = { path: 'personId', message: `is not authorised at ${h.point} on ${body.date}` };
    else if (body.code !== undefined && !codeMatches(secret, id, body.date, body.code))
      refusal = { path: 'code', message: "does not match the family's code for today" };
    else if (body.code === undefined && profile?.codeRequired)
      refusal = { path: 'code', message: "this passenger's family code is required" };
    const { record, created } = await recordHandover(db, {
      body,
      driverId,
      point: h.point,
      personName: person?.name ?? '(unknown)',
      outcome: refusal ? 'refused' : 'accepted',
      refusal: refusal ? `${refusal.path} ${refusal.message}` : null,
      recordedAt: nowIso(),
    });
    if (created) await audit(db, clock, user, 'create', 'handover', body.clientEventId);
    if (record.outcome === 'refused') {
      const r = refusal ?? { path: 'code', message: record.refusal ?? 'refused' };
      throw invalid(r.path, `${r.message}; the attempt is recorded`, r.path === 'code' ? '****' : body.personId);
    }
    return { status: created ? 201 : 200, body: record };
  });

  defineRoute(router, registry, c.openNobodyHome, async ({ body, user }) => {
    const driverId = driverIdOf(user);
    driverDate(body.date, 'date');
    if (!stopHandover(await planFor(body.date), body.date, driverId, body.stopId, body.passengerId))
      throw notFound(`passenger ${body.passengerId} at stop on your run of ${body.date}:`, body.stopId);
    const created = await openCase(
      db,
      {
        id: body.caseId,
        date: body.date,
        stopId: body.stopId,
        passengerId: body.passengerId,
        driverId,
        at: body.at,
        actor: user.username,
      },
      nowIso(),
    );
    if (created) await audit(db, clock, user, 'create', 'nobody_home', body.caseId);
    return { status: created ? 201 : 200, body: { caseId: body.caseId } };
  });

  defineRoute(router, registry, c.nobodyHomeStep, async ({ params, body, user }) => {
    const owner = await caseOwner(db, params.caseId);
    if (!owner || owner.driverId !== driverIdOf(user)) throw notFound('nobody-home case', params.caseId);
    let place: string | undefined;
    if (body.step === 'safe_place') {
      const found = (await loadSettings(db)).safePlaces.find((s) => s.id === body.detail);
      if (!found) throw invalid('detail', 'not one of the safe places in the settings', body.detail);
      place = found.label;
    }
    const created = await addStep(db, params.caseId, body, user.username, nowIso(), place);
    if (created) await audit(db, clock, user, 'event', 'nobody_home', params.caseId);
    return { status: created ? 201 : 200, body: { ok: true } };
  });

  // ---- what the coordinator sees ----
  const nameOf = async (ids: string[]) => {
    const look = await people(db, ids);
    return (id: string) => look.passenger(id)?.name ?? id;
  };
  defineRoute(router, registry, c.alerts, async ({ query, user }) => {
    const raw = await casesOf(db, { date: query.date }, (id) => id);
    const names = await nameOf(raw.map((c) => c.passengerId));
    await audit(db, clock, user, 'list', 'nobody_home', query.date);
    return { body: raw.map((c) => ({ ...c, passengerName: names(c.passengerId) })) };
  });

  defineRoute(router, registry, c.handovers, async ({ query, user }) => {
    const records = await handoversOf(db, {
      ...(query.date ? { date: query.date } : {}),
      ...(query.passengerId ? { passengerIds: [query.passengerId] } : {}),
    });
    await audit(db, clock, user, 'list', 'handover', query.passengerId ?? query.date ?? '*');
    return { body: records };
  });

  defineRoute(router, registry, c.purge, async ({ user }) => {
    const report = await purgeExpired(db, clock);
    await audit(db, clock, user, 'delete', 'safeguarding_purge', report.before);
    return { body: report };
  });

  // ---- the family ----
  const familyPassengers = async (user: User): Promise<Passenger[]> => {
    if (!user.householdId) throw new AppError('FORBIDDEN', `account ${user.username} is not linked to a household`);
    const { rows } = await db.query<{ data: Passenger }>(
      `SELECT data FROM entities WHERE kind = 'passenger' AND household_id = $1 ORDER BY id`,
      [user.householdId],
    );
    return rows.map((r) => r.data);
  };
  defineRoute(router, registry, c.familyCodes, async ({ query, user }) => {
    const date = query.date ?? today();
    if (date < today()) throw invalid('date', 'codes of past days are not shown', date);
    const ps = await familyPassengers(user);
    await audit(db, clock, user, 'read', 'handover_code', `${user.householdId}/${date}`);
    return {
      body: ps.map((p) => ({ passengerId: p.id, name: p.name, date, code: handoverCode(secret, p.id, date) })),
    };
  });
  defineRoute(router, registry, c.familyOutcomes, async ({ query, user }) => {
    const ps = await familyPassengers(user);
    const ids = ps.map((p) => p.id);
    const names = new Map(ps.map((p) => [p.id, p.name]));
    const [handovers, cases] = await Promise.all([
      handoversOf(db, { date: query.date, passengerIds: ids }),
      casesOf(db, { date: query.date, passengerIds: ids }, (id) => names.get(id) ?? id),
    ]);
    await audit(db, clock, user, 'read', 'safeguarding_outcome', `${user.householdId}/${query.date}`);
    return { body: { handovers, cases } };
  });

  return router;
}
