/**
 * The one typed client of the prontivia API. Every call names its route's contract entry
 * (server/contract/): the path is built from it and the answer parsed with its schema, so a
 * server/web drift shows up as a type error, or at run time as a clear error naming the field,
 * instead of as a broken page.
 */
import { z } from 'zod';
import {
  type AccountPageSchema,
  type AccountWithPasswordSchema,
  accountsContract,
  type Account,
  type AccountRole,
  type NewAccountInput,
  type User,
} from '../../server/contract/accounts.ts';
import {
  type CallInput,
  ErrorBodySchema,
  pathOf,
  queryString,
  type RouteContract,
  type SuccessOf,
  successOf,
} from '../../server/contract/define-contract.ts';
import { authContract } from '../../server/contract/auth.ts';
import { type DriverRun, driverContract } from '../../server/contract/driver.ts';
import { type FamilyHousehold, type FamilyTrip, familyContract } from '../../server/contract/family.ts';
import {
  csvContract,
  type EntityRow,
  EntityRowSchema,
  entityContract,
  type ImportReport,
} from '../../server/contract/entities.ts';
import { referenceContract } from '../../server/contract/reference.ts';
import { type SlotAnswer, type SlotChoice, type SlotQuery, slotsContract } from '../../server/contract/slots.ts';
import { type JobView, jobsContract } from '../../server/contract/jobs.ts';
import type { Plan, Violation } from '../../server/contract/plan.ts';
import { type MoveBodySchema, type PlanDiff, type PlanInfo, plansContract } from '../../server/contract/plans.ts';

/** One field the server refused: the dotted path in the body ("capacity.seats") and the reason. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Entity = 'services' | 'passengers' | 'households' | 'requests' | 'vehicles' | 'drivers';
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
/** A hand move of one trip (the contract's move body; the version goes alongside). */
export type MoveInput = Omit<z.infer<typeof MoveBodySchema>, 'version'>;
/** `date` is the run's date, so an event tapped on a run shown ahead of its day is filed under that run. */
export interface StopEventInput {
  type: 'arrived' | 'boarded' | 'dropped_off' | 'no_show';
  at: string;
  clientEventId: string;
  passengerId?: string;
  date?: string;
}

/** Where older versions kept a bearer token; removed on start (the browser uses the session cookie only). */
const OLD_TOKEN_KEY = 'prontivia.token';

/**
 * The browser authenticates with the HttpOnly, SameSite=Strict session cookie only; unsafe
 * methods carry the CSRF token (held in memory, fetched again by me() after a reload). No
 * bearer token is kept anywhere script could read it after the login answer.
 */
/** The CRUD routes of a managed entity as the web sees them (any kind as a row). */
const rows = (entity: Entity) => entityContract(entity, entity, EntityRowSchema);
type Row = EntityRow;

export class Api {
  private csrfToken: string | null = null;

  constructor(private readonly base = '') {
    safeStorage()?.removeItem(OLD_TOKEN_KEY);
  }

  private async request<T extends z.ZodType>(
    method: string,
    path: string,
    schema: T,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<z.infer<T>> {
    return this.send(method, path, () => ({ schema }), body, contentType) as Promise<z.infer<T>>;
  }

  /** One request; the answer is parsed with the response spec of its status (JSON, or text for a non-JSON type). */
  private async send(
    method: string,
    path: string,
    specOf: (status: number) => { schema?: z.ZodType; contentType?: string },
    body?: unknown,
    contentType = 'application/json',
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      headers['content-type'] = contentType;
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(this.base + path, { method, headers, body: payload, credentials: 'same-origin' });
    const text = await res.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!res.ok) throw toApiError(res.status, json, text);
    const spec = specOf(res.status);
    const isText = !spec.schema && !!spec.contentType && !spec.contentType.includes('json');
    const parsed = (spec.schema ?? (isText ? z.string() : z.unknown())).safeParse(isText ? text : json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(
        res.status,
        'RESPONSE_INVALID',
        `${method} ${path}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`,
      );
    }
    return parsed.data;
  }

  /**
   * Calls a route of the contract (server/contract/): the path is built from the entry and
   * `params`, `query` is serialized, and the answer is parsed with the entry's schema for the
   * status the server answered (text for a non-JSON response, undefined for an empty one). Use
   * this for every call.
   */
  call<R extends RouteContract>(route: R, input: CallInput<R>): Promise<SuccessOf<R>> {
    const path = pathOf(route.path, input.params) + queryString(input.query as Record<string, unknown> | undefined);
    const fallback = successOf(route).spec;
    return this.send(
      route.method.toUpperCase(),
      path,
      (status) => route.responses[status] ?? fallback,
      input.body,
      route.bodyType ?? 'application/json',
    ) as Promise<SuccessOf<R>>;
  }

  // --- accounts: the coordinator's account management, and everyone's own password
  readonly accounts = {
    list: (page: number, pageSize: number, role?: AccountRole): Promise<z.infer<typeof AccountPageSchema>> =>
      this.call(accountsContract.list, { query: { page, pageSize, role } }),
    create: (input: NewAccountInput): Promise<z.infer<typeof AccountWithPasswordSchema>> =>
      this.call(accountsContract.create, { body: input }),
    /** Without a password the server generates one and returns it once. */
    resetPassword: (id: string, password?: string): Promise<z.infer<typeof AccountWithPasswordSchema>> =>
      this.call(accountsContract.resetPassword, { params: { id }, body: password ? { password } : {} }),
    setDisabled: (id: string, disabled: boolean): Promise<Account> =>
      this.call(disabled ? accountsContract.disable : accountsContract.enable, { params: { id } }),
    remove: (id: string): Promise<unknown> => this.call(accountsContract.remove, { params: { id } }),
    changeOwnPassword: (currentPassword: string, newPassword: string): Promise<unknown> =>
      this.call(authContract.changePassword, { body: { currentPassword, newPassword } }),
  };

  // --- auth
  async login(username: string, password: string): Promise<User> {
    const res = await this.call(authContract.login, { body: { username, password } });
    this.csrfToken = res.csrfToken;
    return res.user;
  }
  async me(): Promise<User> {
    const res = await this.call(authContract.me, {});
    this.csrfToken = res.csrfToken;
    return res.user;
  }
  async logout(): Promise<void> {
    try {
      await this.call(authContract.logout, {});
    } finally {
      this.csrfToken = null;
    }
  }

  // --- reference data
  municipalities(): Promise<GeoJSON.FeatureCollection> {
    return this.call(referenceContract.municipalities, {});
  }

  // --- coordinator CRUD
  list(entity: Entity, page = 1, pageSize = 50, filters: Record<string, string> = {}): Promise<Page<Row>> {
    const query = { ...filters, page, pageSize } as CallInput<ReturnType<typeof rows>['list']>['query'];
    return this.call(rows(entity).list, { query });
  }
  async listAll(entity: Entity): Promise<Row[]> {
    const first = await this.list(entity, 1, 500);
    const rows = [...first.items];
    for (let page = 2; rows.length < first.total; page++) {
      const next = await this.list(entity, page, 500);
      if (next.items.length === 0) break;
      rows.push(...next.items);
    }
    return rows;
  }
  create(entity: Entity, body: Row): Promise<Row> {
    return this.call(rows(entity).create, { body });
  }
  update(entity: Entity, id: string, body: Row): Promise<Row> {
    return this.call(rows(entity).replace, { params: { id }, body });
  }
  remove(entity: Entity, id: string): Promise<unknown> {
    return this.call(rows(entity).remove, { params: { id } });
  }
  exportCsv(entity: 'passengers' | 'requests'): Promise<string> {
    return this.call(csvContract(entity).exportCsv, {});
  }
  importCsv(entity: 'passengers' | 'requests', csv: string): Promise<ImportReport> {
    return this.call(csvContract(entity).importCsv, { body: csv });
  }

  // --- plans and jobs
  createPlan(week: string): Promise<{ planId: string; jobId: string }> {
    return this.call(plansContract.create, { body: { week } });
  }
  job(jobId: string): Promise<JobView> {
    return this.call(jobsContract.get, { params: { jobId } });
  }
  jobEventsUrl(jobId: string): string {
    return this.base + pathOf(jobsContract.events.path, { jobId });
  }
  plans(week: string): Promise<PlanInfo[]> {
    return this.call(plansContract.list, { query: { week } });
  }
  plan(planId: string): Promise<Plan> {
    return this.call(plansContract.get, { params: { planId } });
  }
  planGeojson(planId: string, date: string): Promise<GeoJSON.FeatureCollection> {
    return this.call(plansContract.geojson, { params: { planId }, query: { date } });
  }
  /** The new version and the violations of that date. */
  move(planId: string, move: MoveInput, version: number): Promise<{ plan: Plan; violations: Violation[] } | null> {
    return this.call(plansContract.move, { params: { planId }, body: { ...move, version } });
  }
  lock(planId: string, date: string, requestId: string, locked: boolean, version: number): Promise<unknown> {
    return this.call(plansContract.lock, { params: { planId }, body: { date, requestId, locked, version } });
  }
  reoptimize(planId: string, version: number): Promise<{ planId: string; jobId: string; version: number }> {
    return this.call(plansContract.reoptimize, { params: { planId }, body: { version } });
  }
  violations(planId: string): Promise<Violation[]> {
    return this.call(plansContract.violations, { params: { planId } });
  }
  /** The published version. */
  publish(planId: string, version: number): Promise<Plan | null> {
    return this.call(plansContract.publish, { params: { planId }, body: { version } });
  }
  diff(planId: string): Promise<PlanDiff> {
    return this.call(plansContract.diff, { params: { planId } });
  }

  // --- driver
  driverRun(date: string): Promise<DriverRun> {
    return this.call(driverContract.run, { params: { date } });
  }
  stopEvent(stopId: string, event: StopEventInput): Promise<unknown> {
    return this.call(driverContract.stopEvent, { params: { stopId }, body: event });
  }

  // --- family
  household(): Promise<FamilyHousehold> {
    return this.call(familyContract.household, {});
  }
  async trips(week: string): Promise<FamilyTrip[]> {
    return (await this.call(familyContract.trips, { query: { week } })).trips;
  }
  absence(passengerId: string, date: string): Promise<unknown> {
    return this.call(familyContract.absence, { body: { passengerId, date } });
  }
  slotQuery(query: SlotQuery): Promise<SlotAnswer> {
    return this.call(slotsContract.query, { body: query });
  }
  slotBook(query: SlotQuery, choice: SlotChoice, validFrom: string, validTo: string): Promise<unknown> {
    return this.call(slotsContract.book, { body: { query, choice, validFrom, validTo } });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The error as the contract describes it (`{error: {code, message, details?}}`); anything else (a proxy's page) as HTTP_<status>. */
function toApiError(status: number, json: unknown, text: string): ApiError {
  const body = ErrorBodySchema.safeParse(json);
  if (body.success) {
    const { code, message, details = [] } = body.data.error;
    return new ApiError(
      status,
      code,
      message,
      details.map((d) => ({ path: d.path, message: d.message })),
    );
  }
  return new ApiError(status, `HTTP_${status}`, text.slice(0, 200) || `HTTP ${status}`);
}

export const api = new Api();
