/**
 * The CLI's output shape (issue 7, item 7): routes as file node ids with start-of-service
 * times, depots included. Shared by the CLI, the bench runner and the independent checker.
 */
export interface BenchmarkStop {
  node: number;
  start: number;
}

export interface BenchmarkRoute {
  vehicle: number;
  stops: BenchmarkStop[];
}

export interface BenchmarkSolution {
  /** Total travel distance (the published cost); vehicle and unserved penalties excluded. */
  cost: number;
  routes: BenchmarkRoute[];
  /** Pickup node ids of requests left unserved. */
  unserved: number[];
  seconds: number;
  /**
   * The anytime curve: [seconds, best objective so far] (the solver's objective — for Li & Lim
   * it includes the vehicle cost per van), a point whenever the best improves by more than
   * 0.01 %, and the final one. Both search threads count (the partner's best from the checkpoint
   * that takes it). Only the final solution is checked.
   */
  progress?: Array<[number, number]>;
}
