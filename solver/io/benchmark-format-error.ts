/**
 * A malformed benchmark file. Names the line, the field and the offending value so
 * the user can open the file and fix it; the CLI prints `message` and exits non-zero.
 */
export class BenchmarkFormatError extends Error {
  readonly code = 'BENCHMARK_INVALID';

  constructor(
    readonly fileName: string,
    readonly line: number,
    readonly field: string,
    readonly value: string,
    problem: string,
  ) {
    super(`${fileName}: line ${line}, field ${field} = ${JSON.stringify(value)}: ${problem}`);
    this.name = 'BenchmarkFormatError';
  }
}
