/** The one way a scenario is written to a file: 2-space JSON with a final newline, so golden files diff cleanly. */
import type { Scenario } from '../contract/domain.ts';

export function scenarioJson(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}
