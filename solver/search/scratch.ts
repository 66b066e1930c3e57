/**
 * Typed arrays reused from call to call. A search makes thousands of moves a second, and a
 * typed array of its own per table and move is an allocation outside the JavaScript heap each
 * time (measured: the largest cost after pricing on Li & Lim 200). One thread runs one search
 * and the callers never nest, so one array per slot serves them all.
 */
type Typed = Float64Array | Int32Array | Uint8Array;

export class Scratch<T extends Typed> {
  private readonly slots: T[] = [];

  constructor(private readonly make: (n: number) => T) {}

  /** At least n entries, holding whatever the last user of the slot left: write before reading. */
  get(slot: number, n: number): T {
    let a = this.slots[slot];
    if (a === undefined || a.length < n) {
      a = this.make(Math.max(n, 2 * (a?.length ?? 0)));
      this.slots[slot] = a;
    }
    return a;
  }
}
