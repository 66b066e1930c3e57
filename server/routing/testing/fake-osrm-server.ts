/**
 * An OSRM stand-in for tests: a node:http server on 127.0.0.1 (ephemeral port) that parses
 * OSRM v5/v6 URLs, records every request (so a test can prove the cache asked nothing), and
 * answers through a handler — with the real OSRM answers in fixtures/osrm-samples, or with
 * cells computed deterministically from the coordinates (synthetic-osrm.ts).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OsrmRequest {
  service: string;
  profile: string;
  coordinates: [number, number][];
  params: URLSearchParams;
  /** Parsed `sources` / `destinations`; every coordinate when absent, as OSRM does. */
  sources: number[];
  destinations: number[];
}

export interface OsrmReply {
  status: number;
  body: unknown;
}

export type OsrmHandler = (request: OsrmRequest) => OsrmReply;

export interface FakeOsrm {
  url: string;
  requests: OsrmRequest[];
  close(): Promise<void>;
}

export function osrmFixture(name: string): Record<string, unknown> {
  const file = new URL(`../../../fixtures/osrm-samples/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function indexList(text: string | null, count: number): number[] {
  if (text === null || text === 'all') return Array.from({ length: count }, (_, i) => i);
  return text.split(';').map(Number);
}

export function parseOsrmUrl(rawUrl: string): OsrmRequest {
  const url = new URL(rawUrl, 'http://fake');
  const [, service = '', , profile = '', coords = ''] = url.pathname.split('/');
  const coordinates = decodeURIComponent(coords)
    .split(';')
    .map((pair) => pair.split(',').map(Number) as [number, number]);
  return {
    service,
    profile,
    coordinates,
    params: url.searchParams,
    sources: indexList(url.searchParams.get('sources'), coordinates.length),
    destinations: indexList(url.searchParams.get('destinations'), coordinates.length),
  };
}

export async function startFakeOsrm(handler: OsrmHandler): Promise<FakeOsrm> {
  const requests: OsrmRequest[] = [];
  const server: Server = createServer((req, res) => {
    let reply: OsrmReply;
    try {
      const request = parseOsrmUrl(req.url ?? '/');
      requests.push(request);
      reply = handler(request);
    } catch (error) {
      reply = { status: 500, body: { code: 'Internal', message: String(error) } };
    }
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (for "OSRM is down"). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
