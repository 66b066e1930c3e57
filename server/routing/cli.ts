/**
 * Travel times between places from the command line, with the same providers and factors the
 * planner uses:
 *   npm run --silent travel-times -- --provider osrm|estimate [--osrm-url URL] [--departure HH:MM] FILE
 * FILE is a JSON array of [lon, lat] pairs. Prints {"provider", "durations", "distances"} on
 * stdout and nothing else; errors go to stderr with a non-zero exit code.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { parseRoutingConfig } from './config.ts';
import { createRoutingProvider } from './create-routing-provider.ts';

const USAGE =
  'usage: npm run --silent travel-times -- --provider osrm|estimate [--osrm-url URL] [--departure HH:MM] FILE';

class UsageError extends Error {}

const PlacesFileSchema = z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])).min(1);

function readPlaces(file: string): { lon: number; lat: number; label: string }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = PlacesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.length > 0 ? `item ${issue.path.join('.')}` : 'the file';
    const item =
      typeof issue.path[0] === 'number' && Array.isArray(json) ? ` (got ${JSON.stringify(json[issue.path[0]])})` : '';
    throw new UsageError(`${file}: ${at}: ${issue.message}${item}; expected a JSON array of [lon, lat] pairs`);
  }
  return parsed.data.map(([lon, lat], i) => ({ lon, lat, label: `${file}[${i}]` }));
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { provider: { type: 'string' }, 'osrm-url': { type: 'string' }, departure: { type: 'string' } },
  });
  if (values.provider !== 'osrm' && values.provider !== 'estimate')
    throw new UsageError(`--provider must be osrm or estimate, got ${JSON.stringify(values.provider ?? '')}`);
  if (positionals.length !== 1) throw new UsageError(`expected one FILE, got ${positionals.length}`);
  const env = { ...process.env };
  if (values.provider === 'estimate') delete env.OSRM_URL;
  else {
    env.OSRM_URL = values['osrm-url'] ?? env.OSRM_URL;
    if (!env.OSRM_URL) throw new UsageError('--provider osrm needs --osrm-url URL (or OSRM_URL in the environment)');
  }
  let departureS: number | undefined;
  if (values.departure !== undefined) {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(values.departure);
    if (!m) throw new UsageError(`--departure must be HH:MM, got ${JSON.stringify(values.departure)}`);
    departureS = Number(m[1]) * 3600 + Number(m[2]) * 60;
  }
  const places = readPlaces(positionals[0]);
  const provider = createRoutingProvider(parseRoutingConfig(env));
  const result = await provider.matrix(places, { departureS });
  process.stdout.write(
    `${JSON.stringify({ provider: result.provider, durations: result.durationsS, distances: result.distancesM })}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`travel-times: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof AppError) {
    process.stderr.write(`travel-times: ${error.code}: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`travel-times: ${(error as Error).message ?? String(error)}\n`);
    process.exitCode = 1;
  }
});
