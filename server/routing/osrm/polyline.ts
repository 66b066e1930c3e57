/**
 * Decodes Google's encoded polyline format (OSRM's default `geometries=polyline`, precision 5)
 * into [lon, lat] pairs. prontivia asks OSRM for GeoJSON, but accepts a polyline so that a
 * server or proxy answering in the default format still yields a shape.
 */
export function decodePolyline(encoded: string, precision = 5): [number, number][] {
  const factor = 10 ** precision;
  const points: [number, number][] = [];
  let index = 0;
  let lat = 0;
  let lon = 0;
  const nextValue = (): number => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      if (index >= encoded.length) throw new Error(`polyline ends in the middle of a value at character ${index}`);
      byte = encoded.charCodeAt(index++) - 63;
      result |= (byte & 0x1f) << shift;
      shift += 5;
    } while (byte >= 0x20);
    return result & 1 ? ~(result >> 1) : result >> 1;
  };
  while (index < encoded.length) {
    lat += nextValue();
    lon += nextValue();
    points.push([lon / factor, lat / factor]);
  }
  return points;
}
