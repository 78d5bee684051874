// Builds static/world-land.svg: a coarse land outline in an equirectangular projection,
// for the latency lab's map (embedded in the app; no map tiles, no requests at runtime).
//
// Data: Natural Earth 1:110m land (public domain, https://www.naturalearthdata.com/about/terms-of-use/),
// as redistributed in TopoJSON by the npm package `world-atlas` (ISC).
//
// Usage (in a scratch directory):
//   npm install world-atlas@2 topojson-client@3
//   node /path/to/scripts/world-map.mjs > /path/to/static/world-land.svg
//
// Projection: x = lon + 180 (0..360), y = 85 - lat (0..145: latitudes 85N to 60S;
// Antarctica is left out). Coordinates are rounded to STEP degrees and written as
// relative moves, which keeps the file small.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.cwd() + "/");
const { feature } = require("topojson-client");
const topo = JSON.parse(readFileSync(require.resolve("world-atlas/land-110m.json"), "utf8"));
const land = feature(topo, topo.objects.land);
const STEP = 0.5;
const q = (v) => Math.round(v / STEP) * STEP;
const fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)).replace(/^(-?)0\./, "$1.");
let d = "";
const geoms = land.type === "FeatureCollection" ? land.features.map((f) => f.geometry) : [land.geometry];
const polys = geoms.flatMap((g) => (g.type === "MultiPolygon" ? g.coordinates : [g.coordinates]));
for (const poly of polys) {
  for (const ring of poly) {
    if (ring.some(([, lat]) => lat < -60)) continue; // Antarctica
    // Rings crossing the antimeridian (Chukotka, Fiji) are unwrapped so they do not
    // draw a line across the map, then shifted so most of the ring is on the map; the
    // part past the edge is clipped by the viewBox.
    const unwrapped = [];
    for (let [lon, lat] of ring) {
      const prev = unwrapped[unwrapped.length - 1];
      if (prev) {
        while (lon - prev[0] > 180) lon -= 360;
        while (prev[0] - lon > 180) lon += 360;
      }
      unwrapped.push([lon, lat]);
    }
    const lons = unwrapped.map(([lon]) => lon).sort((a, b) => a - b);
    const shift = -360 * Math.round(lons[Math.floor(lons.length / 2)] / 360);
    const pts = [];
    for (const [lon, lat] of unwrapped) {
      const p = [q(lon + shift + 180), q(85 - Math.min(lat, 85))];
      const last = pts[pts.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
    }
    if (pts.length < 4) continue;
    // Drop points on a straight line between their neighbours.
    const keep = [pts[0]];
    for (let i = 1; i < pts.length - 1; i++) {
      const a = keep[keep.length - 1], b = pts[i], c = pts[i + 1];
      const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
      if (cross !== 0) keep.push(b);
    }
    keep.push(pts[pts.length - 1]);
    let [px, py] = keep[0];
    d += `M${fmt(px)} ${fmt(py)}`;
    let cmd = "";
    for (const [x, y] of keep.slice(1)) {
      const dx = q(x - px), dy = q(y - py);
      const s = `${fmt(dx)}${dy < 0 ? "" : " "}${fmt(dy)}`;
      d += (cmd === "l" ? (dx < 0 ? "" : " ") : "l") + s;
      cmd = "l";
      px = x; py = y;
    }
    d += "z";
  }
}
process.stdout.write(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 145"><!-- Land outline from Natural Earth 1:110m (public domain), via world-atlas; built by scripts/world-map.mjs. x = lon + 180, y = 85 - lat. --><path d="${d}"/></svg>\n`
);
