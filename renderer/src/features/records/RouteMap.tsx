// The route on a small map: coastlines from the bundled Natural Earth land polygons (world-atlas, 1:110m;
// nothing is fetched), the legs between successive places with an arrowhead halfway, each place a dot with
// its code. Places the reference data cannot place (a country code, an unknown code) are listed under it.
import { Classes } from '@blueprintjs/core';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Topology } from 'topojson-specification';
import landTopology from 'world-atlas/land-110m.json';
import type { ShipmentRecord } from '../../../../shared/domain/records.ts';
import { fitProjection, landRings, placeLabels, ringsToPath, routeLegs, type LonLat, type Point } from './route-map-geometry.ts';

type Stop = ShipmentRecord['route'][number];
type Placed = Stop & { lat: number; lon: number };

const LAND = landRings(landTopology as unknown as Topology);
const placed = (s: Stop): s is Placed => s.lat != null && s.lon != null;

export function RouteMap({ route }: { route: ShipmentRecord['route'] }) {
  const { t } = useTranslation();
  const arrowId = `pc-route-arrow-${useId().replace(/[^\w-]/g, '')}`;
  const onMap = route.filter(placed);
  const offMap = [...new Set(route.filter((s) => !placed(s)).map((s) => s.place))];
  const described = route.map((s) => (s.name ? `${s.place} (${s.name})` : s.place)).join(' → ');
  const label = t('records.map.label', { route: described });

  const map = useMemo(() => {
    const stops = route.filter(placed);
    if (stops.length === 0) return null;
    const projection = fitProjection(stops.map((s): LonLat => [s.lon, s.lat]));
    const points = stops.map((s): Point => projection.project([s.lon, s.lat]));
    // One dot per place, with every role it plays on this route.
    const places = new Map<string, { at: Point; name: string | null; roles: Stop['role'][] }>();
    stops.forEach((s, i) => {
      const p = places.get(s.place) ?? { at: points[i]!, name: s.name, roles: [] };
      if (!p.roles.includes(s.role)) p.roles.push(s.role);
      places.set(s.place, p);
    });
    const dots = [...places].map(([code, p]) => ({ code, ...p }));
    const labels = placeLabels(
      dots.map((p) => ({ at: p.at, text: p.code })),
      projection.width,
      projection.height,
    );
    return {
      projection,
      land: ringsToPath(LAND, projection),
      legs: routeLegs(points),
      places: dots.map((p, i) => ({ ...p, label: labels[i]! })),
    };
  }, [route]);

  return (
    <figure className="pc-route-map" data-testid="route-map" data-on-map={onMap.length}>
      {map && (
        <svg role="img" aria-label={label} viewBox={`0 0 ${map.projection.width} ${map.projection.height}`} preserveAspectRatio="xMidYMid meet">
          <title>{label}</title>
          <defs>
            <marker id={arrowId} viewBox="0 0 10 10" refX="5" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">
              <path className="pc-route-map-arrow" d="M0,0 L10,5 L0,10 z" />
            </marker>
          </defs>
          <rect className="pc-route-map-sea" width={map.projection.width} height={map.projection.height} />
          <path className="pc-route-map-land" d={map.land} fillRule="evenodd" />
          {map.legs.map((leg, i) => (
            <polyline
              key={i}
              className="pc-route-map-leg"
              points={[leg.from, leg.mid, leg.to].map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}
              markerMid={leg.arrow ? `url(#${arrowId})` : undefined}
            />
          ))}
          {map.places.map((p) => (
            <g key={p.code} className="pc-route-map-place" data-place={p.code} data-role={p.roles[0]}>
              <title>{`${p.code}${p.name ? ` — ${p.name}` : ''} (${p.roles.map((r) => t(`records.place.${r}`)).join(', ')})`}</title>
              <circle cx={p.at[0]} cy={p.at[1]} r={4.5} />
              <text x={p.label.x} y={p.label.y} textAnchor={p.label.anchor}>
                {p.code}
              </text>
            </g>
          ))}
        </svg>
      )}
      {offMap.length > 0 && (
        <figcaption className={Classes.TEXT_MUTED} data-testid="route-map-off">
          {t('records.map.notOnMap', { places: offMap.join(', ') })}
        </figcaption>
      )}
    </figure>
  );
}
