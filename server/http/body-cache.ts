/**
 * Serialized and compressed (Brotli and gzip) JSON bodies of immutable resources — a plan version, the municipality
 * boundaries — kept under a key that changes whenever the content does (e.g. "plan-2026-W49.v7"),
 * so a large body is read, stringified and compressed once instead of on every request.
 * Compression runs on libuv's thread pool, so building a big body never blocks the event loop.
 * Least recently used entries go first once MAX_BYTES is exceeded. Concurrent misses share one build.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface CachedBody {
  json: Buffer;
  gzip: Buffer;
  br: Buffer;
  /** Strong ETag derived from the key. */
  etag: string;
}

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Brotli quality for cached bodies, paid once per version on the thread pool. On the demo week
 * plan (950 KB of JSON, shared 2 cores): quality 9 takes ~0.1 s → 41 KB, 10 takes 0.4–1.4 s →
 * 34 KB, 11 takes 2–3 s → 31 KB. 10 keeps the first read of a new version near a second.
 */
export const BROTLI_QUALITY = 10;

/** Brotli and gzip bytes of `json`, compressed in parallel off the event loop. */
export async function compressBody(json: Buffer): Promise<{ br: Buffer; gzip: Buffer }> {
  const [br, gz] = await Promise.all([
    brotli(json, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    }),
    gzipAsync(json, { level: 6 }),
  ]);
  return { br, gzip: gz };
}

export class BodyCache {
  private readonly entries = new Map<string, Promise<CachedBody>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  get(key: string, build: () => Promise<unknown> | unknown): Promise<CachedBody> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return hit;
    }
    const made = (async () => {
      const json = Buffer.from(JSON.stringify(await build()));
      return { json, ...(await compressBody(json)), etag: `"${key.replace(/[^A-Za-z0-9._:-]/g, '_')}"` };
    })();
    this.entries.set(key, made);
    made.then(
      (b) => this.account(key, b.json.length + b.gzip.length + b.br.length),
      () => this.entries.delete(key),
    );
    return made;
  }

  private account(key: string, size: number): void {
    if (!this.entries.has(key)) return;
    this.sizes.set(key, size);
    this.bytes += size;
    for (const old of this.entries.keys()) {
      if (this.bytes <= this.maxBytes || old === key) break;
      this.bytes -= this.sizes.get(old) ?? 0;
      this.sizes.delete(old);
      this.entries.delete(old);
    }
  }
}
