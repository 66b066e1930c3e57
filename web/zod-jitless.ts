/**
 * Imported first by main.ts. zod 4 probes `new Function` when it builds its first object schema (to compile fast parsers); the app's
 * Content-Security-Policy forbids eval, so the probe is refused and the browser reports a
 * violation on every page. Jitless parsing needs no eval and gives the same results.
 */
import { z } from 'zod';

z.config({ jitless: true });
