/**
 * The coordinator's map: boundaries (always), services and homes, and the day's routes and
 * numbered stops. Redraws the route layers when the plan or the day changes; highlights the
 * selected stop without redrawing.
 */
import type L from 'leaflet';
import type { PlanRoute, PlanStop } from '../../../server/contract/plan.ts';
import { createMap } from '../../map/map.ts';
import { boundariesLayer } from '../../map/layers/boundaries.ts';
import { placesLayer, type PlacePoint } from '../../map/layers/places.ts';
import { routesLayer } from '../../map/layers/routes.ts';
import { shapesFromGeojson } from '../../map/route-shapes.ts';
import { stopsLayer, type StopsLayer } from '../../map/layers/stops.ts';
import type { Part } from '../../map/safe-content.ts';
import { t } from '../../i18n/i18n.ts';
import { clock } from '../../state/time.ts';

export class MapPanel {
  readonly map: L.Map;
  private dayLayers: L.LayerGroup[] = [];
  private stops: StopsLayer | null = null;
  private places: L.LayerGroup | null = null;

  constructor(
    container: HTMLElement,
    private readonly onSelect: (stopId: string) => void,
  ) {
    this.map = createMap(container, t('coord.map'), { in: t('coord.zoomIn'), out: t('coord.zoomOut') });
  }

  showBoundaries(collection: GeoJSON.FeatureCollection): void {
    boundariesLayer(collection).addTo(this.map);
  }

  showPlaces(services: PlacePoint[], homes: PlacePoint[]): void {
    this.places?.remove();
    this.places = placesLayer(services, homes, t('coord.service'), t('coord.home')).addTo(this.map);
    for (const layer of this.dayLayers) (layer as unknown as { bringToFront?: () => void }).bringToFront?.();
  }

  showDay(
    routes: PlanRoute[],
    geojson: GeoJSON.FeatureCollection | null,
    colourOf: (r: PlanRoute) => string,
    labelOf: (r: PlanRoute) => string,
  ): void {
    for (const layer of this.dayLayers) layer.remove();
    const describe = (stop: PlanStop, n: number) => {
      const kind = t(stop.kind === 'pickup' ? 'coord.kind.pickup' : 'coord.kind.delivery');
      const title = t('coord.stopBlock', { n, kind, label: stop.label, time: clock(stop.start) });
      const who = (key: 'coord.boards' | 'coord.alights', list: PlanStop['boards']): Part[] =>
        list.length ? [{ br: true }, { strong: `${t(key)}:` }, ` ${list.map((p) => p.name).join(', ')}`] : [];
      const parts: Part[] = [
        { strong: `${n}. ${kind}` },
        ` — ${stop.label}`,
        { br: true },
        t('coord.stopTime', { time: clock(stop.start), from: clock(stop.window.from), to: clock(stop.window.to) }),
        ...who('coord.boards', stop.boards),
        ...who('coord.alights', stop.alights),
      ];
      return { title, parts };
    };
    const lines = routesLayer(routes, colourOf, shapesFromGeojson(geojson), t('coord.estimateLabel'), (r) =>
      t('coord.routeOf', { vehicle: labelOf(r) }),
    );
    this.stops = stopsLayer(routes, colourOf, describe, this.onSelect);
    this.dayLayers = [lines.addTo(this.map), this.stops.layer.addTo(this.map)];
    const points = routes.flatMap((r) => r.stops.map((s) => [s.lat, s.lon] as [number, number]));
    if (points.length) this.map.fitBounds(points, { padding: [30, 30], maxZoom: 13 });
  }

  highlight(stopId: string | null, latlng: [number, number] | null): void {
    this.stops?.highlight(stopId);
    if (latlng && !this.map.getBounds().contains(latlng)) this.map.panTo(latlng);
  }
}
