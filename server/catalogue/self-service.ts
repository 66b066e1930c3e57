/**
 * The family's self-service, as use cases over the stored entities: the catalogue of services
 * open to a household (the services of its ambito, by kind), booking a service (the standing
 * request it creates, with windows computed only from the stored schedules; whether it is stored
 * at once or waits as a booking request is the programme's gate, server/programme), each request's
 * state (booking requests and standing requests in one list), saving the household's schedules (a change that breaks a promised window is flagged to
 * the coordinator, never re-planned silently) and why a trip of a week is not there.
 */
import { schoolCalendar } from '../calendar/calendars.ts';
import {
  type AdultSchedule,
  type Household,
  type Passenger,
  type Service,
  type StandingRequest,
  WEEKDAYS,
  type Weekday,
} from '../contract/domain.ts';
import type { BookingInput, CatalogueEntry, FamilyRequest, NotTravelling } from '../contract/families.ts';
import type { Db } from '../db/db.ts';
import { addDays, weekdayOf } from '../domain/calendar.ts';
import { domainContext } from '../domain/domain-context.ts';
import { expandWeek } from '../domain/expand-week.ts';
import { requestWindows } from '../domain/request-windows.ts';
import { validateRequest } from '../domain/validate-request.ts';
import { allEntities, getEntity, listEntities, writeEntity } from '../entities/store.ts';
import { AppError, invalid, notFound } from '../errors/app-error.ts';
import { loadMunicipalities, locate } from '../geo/index.ts';
import {
  decideBookingRequest,
  getBookingRequest,
  listBookingRequests,
  draftsOf,
} from '../programme/booking-requests.ts';
import { toHhMm } from '../windows/time-of-day.ts';

export async function householdOf(db: Db, householdId: string): Promise<Household> {
  const h = await getEntity<Household>(db, 'household', householdId);
  if (!h) throw notFound('household', householdId);
  return h;
}

export async function passengersOf(db: Db, householdId: string): Promise<Passenger[]> {
  return (await listEntities(db, 'passenger', { page: 1, pageSize: 500, householdId })).items as unknown as Passenger[];
}

export async function requestsOf(db: Db, passengers: Passenger[]): Promise<StandingRequest[]> {
  const out: StandingRequest[] = [];
  for (const p of passengers) {
    const r = await listEntities(db, 'request', { page: 1, pageSize: 500, passengerId: p.id });
    out.push(...(r.items as unknown as StandingRequest[]));
  }
  return out;
}

export async function ownPassenger(db: Db, householdId: string, passengerId: string): Promise<Passenger> {
  const p = await getEntity<Passenger>(db, 'passenger', passengerId);
  if (!p || p.householdId !== householdId)
    throw new AppError('FORBIDDEN', `passenger ${passengerId} is not in your household`);
  return p;
}

/** The services open to the household: those of the comuni of its ambito, optionally of one kind. */
export async function catalogue(
  db: Db,
  household: Household,
  kind?: string,
  istatCode?: string,
): Promise<CatalogueEntry[]> {
  const comuni = new Map(loadMunicipalities().map((m) => [m.istatCode, m]));
  const homeIstat = household.home.istatCode ?? locate(household.home.lon, household.home.lat)?.istatCode;
  const ambito = homeIstat ? comuni.get(homeIstat)?.ambito : undefined;
  // a service's comune: its stored ISTAT code, else where its place lies
  const services = (await allEntities<Service>(db, 'service')).map((s) => ({
    s,
    istat: s.place.istatCode ?? locate(s.place.lon, s.place.lat)?.istatCode,
  }));
  return services
    .filter(({ s }) => !kind || s.kind === kind)
    .filter(({ istat }) => !istatCode || istat === istatCode)
    .filter(({ istat }) => {
      const m = istat ? comuni.get(istat) : undefined;
      return !ambito || !m || m.ambito === ambito;
    })
    .map(({ s, istat }) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      comune: (istat && comuni.get(istat)?.name) || '',
      istatCode: istat ?? null,
      address: s.place.label,
      hours: s.hours,
    }))
    .sort((a, b) => a.comune.localeCompare(b.comune) || a.name.localeCompare(b.name));
}

/** Default end of a booking: the end of the school year for schools and nurseries, else a year. */
function defaultValidTo(service: Service, validFrom: string): string {
  if (service.kind === 'school' || service.kind === 'nursery') {
    const nursery = service.kind === 'nursery';
    const year = schoolCalendar().years.find((y) => validFrom <= (nursery ? y.nurseryLastDay : y.lastDay));
    if (year) return nursery ? year.nurseryLastDay : year.lastDay;
  }
  return addDays(validFrom, 364);
}

/** One line per weekday: the windows from the stored schedules, or why a trip cannot hold. */
function windowLines(request: StandingRequest, context: ReturnType<typeof domainContext>): string[] {
  const lines: string[] = [];
  for (const wd of request.weekdays) {
    const day = requestWindows(request, wd, context);
    if ('missing' in day) continue;
    const parts: string[] = [];
    const out = day.windows.outbound;
    if (out)
      parts.push(
        out.feasible
          ? `pickup ${toHhMm(out.pickup.fromS)}–${toHhMm(out.pickup.toS)}`
          : `outbound not possible: ${out.message}`,
      );
    const ret = day.windows.return;
    if (ret)
      parts.push(
        ret.feasible
          ? `home ${toHhMm(ret.delivery.fromS)}–${toHhMm(ret.delivery.toS)}`
          : `return not possible: ${ret.message}`,
      );
    lines.push(`${wd}: ${parts.join('; ')}`);
  }
  return lines;
}

function stateOf(r: StandingRequest, today: string): FamilyRequest['state'] {
  if (r.status === 'cancelled') return 'cancelled';
  return r.validTo < today ? 'ended' : 'active';
}

const BOOKING_STATE = { pending: 'pending', refused: 'refused', cancelled: 'cancelled' } as const;

export async function familyRequests(db: Db, householdId: string, today: string): Promise<FamilyRequest[]> {
  const passengers = await passengersOf(db, householdId);
  const requests = await requestsOf(db, passengers);
  const services = await allEntities<Service>(db, 'service');
  const household = await householdOf(db, householdId);
  const context = domainContext({ services, households: [household], passengers });
  const name = (id: string) => services.find((s) => s.id === id)?.name ?? id;
  // bookings not (yet) a standing request: pending, refused or cancelled before a decision
  const bookings = (await listBookingRequests(db, { householdId }))
    .filter((b) => b.status !== 'approved')
    .map((b) => ({
      id: b.id,
      passengerId: b.passengerId,
      passengerName: b.passengerName,
      serviceId: b.serviceId,
      serviceName: b.serviceName,
      chain: [],
      weekdays: b.weekdays.filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d)),
      validFrom: b.validFrom,
      validTo: b.validTo,
      state: BOOKING_STATE[b.status as keyof typeof BOOKING_STATE],
      lines: b.status === 'pending' ? b.slot : [],
      reason: b.reason,
    }));
  const standing = requests.map((r) => ({
    id: r.id,
    passengerId: r.passengerId,
    passengerName: passengers.find((p) => p.id === r.passengerId)?.name ?? r.passengerId,
    serviceId: r.serviceId,
    serviceName: name(r.serviceId),
    chain: (r.chain ?? []).map((c) => name(c.serviceId)),
    weekdays: r.weekdays,
    validFrom: r.validFrom,
    validTo: r.validTo,
    state: stateOf(r, today),
    lines: r.status === 'cancelled' ? [] : windowLines(r, context),
    reason: null,
  }));
  return [...bookings, ...standing].sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.id.localeCompare(b.id));
}

/**
 * The standing request a catalogue booking creates, checked like any request (service open on
 * each weekday, chain connects, other addresses inside the 16 comuni) — nothing is stored here;
 * `storeRequest` stores it or the programme's gate keeps it as a booking request. Its id is free
 * among the stored requests and the household's catalogue bookings. The windows come from the
 * stored schedules only.
 */
export async function draftBooking(
  db: Db,
  householdId: string,
  input: BookingInput,
  today: string,
): Promise<{ request: StandingRequest; lines: string[] }> {
  const passenger = await ownPassenger(db, householdId, input.passengerId);
  const household = await householdOf(db, householdId);
  const open = await catalogue(db, household);
  if (!open.some((s) => s.id === input.serviceId))
    throw invalid(
      'serviceId',
      `service "${input.serviceId}" is not in the catalogue open to your household`,
      input.serviceId,
    );
  for (const [i, c] of (input.chain ?? []).entries())
    if (!open.some((s) => s.id === c.serviceId))
      throw invalid(
        `chain.${i}.serviceId`,
        `service "${c.serviceId}" is not in the catalogue open to your household`,
        c.serviceId,
      );
  if (input.validFrom < today) throw invalid('validFrom', `is in the past (today is ${today})`, input.validFrom);
  const services = await allEntities<Service>(db, 'service');
  const service = services.find((s) => s.id === input.serviceId)!;
  input.weekdays.forEach((wd, i) => {
    if (!service.hours[wd]) throw invalid(`weekdays.${i}`, `${service.name} is closed on ${wd}`, wd);
  });
  const taken = new Set([
    ...(await requestsOf(db, [passenger])).map((r) => r.id),
    ...(await draftsOf(db, householdId, 'all')).map((d) => d.request.id),
  ]);
  let n = taken.size + 1;
  while (taken.has(`bk-${passenger.id}-${n}`.slice(0, 64))) n++;
  const id = `bk-${passenger.id}-${n}`.slice(0, 64);
  const request: StandingRequest = {
    id,
    passengerId: passenger.id,
    serviceId: input.serviceId,
    weekdays: [...new Set(input.weekdays)] as Weekday[],
    validFrom: input.validFrom,
    validTo: input.validTo ?? defaultValidTo(service, input.validFrom),
    outbound: input.outbound,
    return: input.return,
    exceptions: [],
    ...(input.chain ? { chain: input.chain } : {}),
    ...(input.otherAddresses ? { otherAddresses: input.otherAddresses } : {}),
  };
  const context = domainContext({ services, households: [household], passengers: [passenger] });
  const errors = validateRequest(request, context).filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new AppError(
      'REQUEST_INVALID',
      errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors.map(({ path, message, value }) => ({ path, message, value })),
    );
  }
  return { request, lines: windowLines(request, context) };
}

/** Stores a catalogue booking's standing request (active). */
export async function storeRequest(db: Db, request: StandingRequest): Promise<void> {
  await db.transaction(async (tx) => {
    if (await getEntity(tx, 'request', request.id))
      throw new AppError('CONFLICT', `request ${request.id} already exists`);
    await writeEntity(tx, 'request', request);
  });
}

/** Cancels one of the household's requests: a booking still pending (its id) or a standing request. */
export async function cancelBooking(
  db: Db,
  householdId: string,
  requestId: string,
  by: string,
  now: Date,
): Promise<{ id: string; status: string }> {
  if (await getBookingRequest(db, requestId)) {
    const b = await decideBookingRequest(db, requestId, { status: 'cancelled', by, householdId }, now);
    return { id: b.id, status: b.status };
  }
  return db.transaction(async (tx) => {
    const r = await getEntity<StandingRequest>(tx, 'request', requestId);
    if (!r) throw notFound('request', requestId);
    await ownPassenger(tx, householdId, r.passengerId);
    const cancelled = { ...r, status: 'cancelled' as const };
    await writeEntity(tx, 'request', cancelled);
    return cancelled;
  });
}

/**
 * Saves the household's schedules. Every promised window is kept hard: a promise the new
 * schedules no longer fit is flagged to the coordinator (coordinator_flags), and the plan
 * reports the trip as PROMISE_CONFLICT until a new slot is offered.
 */
export async function saveSchedules(
  db: Db,
  householdId: string,
  schedules: AdultSchedule[],
  today: string,
  nowIso: string,
): Promise<{ household: Household; flagged: Array<{ requestId: string; message: string }> }> {
  return db.transaction(async (tx) => {
    const household = { ...(await householdOf(tx, householdId)), schedules };
    const passengers = await passengersOf(tx, householdId);
    const requests = await requestsOf(tx, passengers);
    const services = await allEntities<Service>(tx, 'service');
    const context = domainContext({ services, households: [household], passengers });
    const flagged: Array<{ requestId: string; message: string }> = [];
    for (const r of requests) {
      if (r.status === 'cancelled' || r.validTo < today || !r.promised) continue;
      for (const wd of Object.keys(r.promised) as Weekday[]) {
        let date = today < r.validFrom ? r.validFrom : today;
        for (let i = 0; i < 7 && weekdayOf(date) !== wd; i++) date = addDays(date, 1);
        const day = requestWindows(r, wd, context, date);
        if ('missing' in day) continue;
        for (const t of [day.windows.outbound, day.windows.return]) {
          if (t && !t.feasible && t.reason === 'PROMISE_CONFLICT')
            flagged.push({ requestId: r.id, message: t.message });
        }
      }
    }
    await writeEntity(tx, 'household', household);
    for (const f of flagged) {
      await tx.query(
        `INSERT INTO coordinator_flags (household_id, request_id, kind, message, created_at) VALUES ($1, $2, 'promise_broken', $3, $4)`,
        [householdId, f.requestId, f.message, nowIso],
      );
    }
    return { household, flagged };
  });
}

/**
 * Why a trip of the household is not there in `week`: absence, holiday, closure, school calendar,
 * impossible windows, or a booking pending approval (`pending_approval`: every trip it would make).
 */
export async function notTravelling(db: Db, householdId: string, week: string): Promise<NotTravelling[]> {
  const household = await householdOf(db, householdId);
  const passengers = await passengersOf(db, householdId);
  const drafts = await draftsOf(db, householdId, 'pending');
  const requests = [...(await requestsOf(db, passengers)), ...drafts.map((d) => d.request)];
  const services = await allEntities<Service>(db, 'service');
  const expanded = expandWeek({ services, households: [household], passengers, requests }, week);
  const pending = new Set(drafts.map((d) => d.request.id));
  const isPending = (requestId: string) => pending.has(requestId.replace(/\.leg\d+$/, ''));
  const waiting = expanded.trips
    .filter((x) => isPending(x.requestId))
    .map((x) => ({ ...x, why: 'pending_approval', note: '' }));
  const name = (id: string) => passengers.find((p) => p.id === id)?.name ?? id;
  const serviceOf = (requestId: string) => {
    const r = requests.find((x) => x.id === requestId);
    return services.find((s) => s.id === r?.serviceId)?.name ?? '';
  };
  return [
    ...[...expanded.cancelled, ...waiting].map((c) => ({
      date: c.date,
      passengerId: c.passengerId,
      passengerName: name(c.passengerId),
      requestId: c.requestId,
      serviceName: serviceOf(c.requestId),
      direction: c.direction,
      why: c.why,
      note: c.note ?? '',
    })),
    ...expanded.unservable.map((u) => ({
      date: u.date,
      passengerId: u.passengerId,
      passengerName: name(u.passengerId),
      requestId: u.requestId,
      serviceName: serviceOf(u.requestId.replace(/\.leg\d+$/, '')),
      direction: u.direction,
      why: u.reason,
      note: u.message,
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.requestId.localeCompare(b.requestId));
}
