/**
 * Remembers the last road shapes in this process, so that redrawing the week's map (a /route
 * request per vehicle and day) does not ask OSRM again for routes it has just drawn. Bounded
 * (least recently used first out); failures are not remembered.
 */
import { placeKey } from '../contract/place-key.ts';
import type { LonLat, MatrixOptions, MatrixResult, RoutingProvider, ShapeResult, SnapResult } from './provider.ts';

export class ShapeMemo implements RoutingProvider {
  readonly name: RoutingProvider['name'];
  private readonly shapes = new Map<string, ShapeResult>();

  constructor(
    private readonly inner: RoutingProvider,
    private readonly capacity = 2000,
  ) {
    this.name = inner.name;
  }

  matrix(places: readonly LonLat[], options?: MatrixOptions): Promise<MatrixResult> {
    return this.inner.matrix(places, options);
  }

  async shape(places: readonly LonLat[]): Promise<ShapeResult> {
    const key = places.map(placeKey).join(';');
    const known = this.shapes.get(key);
    if (known) {
      this.shapes.delete(key);
      this.shapes.set(key, known);
      return known;
    }
    const shape = await this.inner.shape(places);
    this.shapes.set(key, shape);
    if (this.shapes.size > this.capacity) this.shapes.delete(this.shapes.keys().next().value as string);
    return shape;
  }

  snap(place: LonLat): Promise<SnapResult> {
    return this.inner.snap(place);
  }
}
