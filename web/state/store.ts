/**
 * A minimal observable store: views subscribe to the slice they show and re-render on change.
 * Map code and DOM code never hold state of their own beyond what they draw.
 */
export class Store<S extends object> {
  private listeners = new Set<(state: S, previous: S) => void>();

  constructor(private state: S) {}

  get(): S {
    return this.state;
  }

  set(patch: Partial<S>): void {
    const previous = this.state;
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state, previous);
  }

  subscribe(fn: (state: S, previous: S) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
