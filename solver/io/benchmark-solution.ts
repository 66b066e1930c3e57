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
}
