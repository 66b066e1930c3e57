/**
 * npm run scenario -- [--passengers N] [--seed S] [--week YYYY-Www] [--area ambiti|province] [--out FILE]
 * Writes a generated scenario as JSON to FILE, or to stdout without --out. The demo week is
 * `npm run scenario -- --out fixtures/scenarios/demo-week.json` (defaults: 120, seed 1, 2026-W49,
 * the 16 comuni of the two ambiti); `--area province` spreads the passengers over the 135 comuni
 * of the province of Varese (the scale scenario: `--passengers 10000 --area province --seed 3`).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  DEFAULT_GENERATE,
  generateScenario,
  type GenerateOptions,
  SCENARIO_AREAS,
  type ScenarioArea,
} from './generate-scenario.ts';
import { scenarioJson } from './scenario-json.ts';

const USAGE =
  'usage: npm run scenario -- [--passengers N] [--seed S] [--week YYYY-Www] [--area ambiti|province] [--out FILE]';

export function parseArgs(argv: string[]): GenerateOptions & { out?: string } {
  const options: GenerateOptions & { out?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag}: a value is missing\n${USAGE}`);
    i++;
    const int = (): number => {
      if (!/^-?\d+$/.test(value)) throw new Error(`${flag}: expected a whole number, got "${value}"`);
      return Number(value);
    };
    if (flag === '--passengers') options.passengers = int();
    else if (flag === '--seed') options.seed = int();
    else if (flag === '--week') options.week = value;
    else if (flag === '--area') {
      if (!(SCENARIO_AREAS as readonly string[]).includes(value))
        throw new Error(`--area: expected one of ${SCENARIO_AREAS.join(', ')}, got "${value}"`);
      options.area = value as ScenarioArea;
    } else if (flag === '--out') options.out = value;
    else throw new Error(`unknown option "${flag}"\n${USAGE}`);
  }
  return options;
}

function main(): void {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(process.argv.slice(2));
    const scenario = generateScenario(options);
    const json = scenarioJson(scenario);
    if (options.out) {
      writeFileSync(options.out, json);
      process.stderr.write(
        `wrote ${options.out}: ${scenario.passengers.length} passengers, ${scenario.requests.length} requests, ${scenario.vehicles.length} vehicles, ${scenario.drivers.length} drivers (seed ${options.seed ?? DEFAULT_GENERATE.seed}, ${scenario.week})\n`,
      );
    } else {
      process.stdout.write(json);
    }
  } catch (e) {
    process.stderr.write(`scenario: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
