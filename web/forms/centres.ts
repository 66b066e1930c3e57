/**
 * A point inside each of the 16 municipalities, so the place control can put a new address at
 * its comune's centre (the coordinator then adjusts latitude and longitude). The area centroid
 * when it lies inside the boundary, otherwise the middle of the widest inside stretch of the
 * boundary along the centroid's latitude (a concave comune's centroid can fall outside).
 */
type Ring = readonly (readonly number[])[];

function inside(ring: Ring, lon: number, lat: number): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

function centroid(ring: Ring): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    const cross = xj * yi - xi * yj;
    a += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** [lon, lat] of a point inside the polygon's outer ring (GeoJSON order). */
export function pointInside(outer: Ring): [number, number] {
  const [lon, lat] = centroid(outer);
  if (inside(outer, lon, lat)) return [lon, lat];
  const crossings: number[] = [];
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const [xi, yi] = outer[i] as [number, number];
    const [xj, yj] = outer[j] as [number, number];
    if (yi > lat !== yj > lat) crossings.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
  }
  crossings.sort((x, y) => x - y);
  let best: [number, number] = [outer[0]![0]!, outer[0]![1]!];
  let width = -1;
  for (let k = 0; k + 1 < crossings.length; k += 2) {
    const w = crossings[k + 1]! - crossings[k]!;
    if (w > width) {
      width = w;
      best = [(crossings[k]! + crossings[k + 1]!) / 2, lat];
    }
  }
  return best;
}
