/**
 * The ceiling of bench:api: a bare node:http server, in its own process like the real one, that
 * answers every request with the same compressed bytes and headers as a cached plan read — no
 * Express, no session, no database, no audit. What autocannon measures against it is what this
 * machine can do at all for a body of that size; the API cannot beat it.
 * Run by bench/api.ts: BODY_FILE (the compressed body), CONTENT_ENCODING (its coding: br or gzip),
 * PORT; prints "ready" when listening.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.env.BODY_FILE ?? '');
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-encoding': process.env.CONTENT_ENCODING ?? 'gzip',
  'content-length': String(body.length),
  etag: '"v1"',
  vary: 'Accept-Encoding',
  'cache-control': 'private, no-cache',
};
createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
