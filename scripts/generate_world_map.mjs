// Build nap_graph/world/map.json: every country of Natural Earth (world-atlas, public domain)
// as an SVG path in the Equal Earth projection, keyed by ISO 3166-1 numeric code (Kosovo, which
// has none there, as "XKX"). The site draws the world map from it on the server: no request
// leaves it, no JavaScript is needed. Run from a folder where the three packages are installed:
//
//   npm install world-atlas@2.0.2 d3-geo@3.1.2 topojson-client@3.1.0
//   cp /path/to/scripts/generate_world_map.mjs . && node generate_world_map.mjs > /path/to/nap_graph/world/map.json
// (110m: 110 kB, the countries small islands excepted, which the page lists under the map)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const scale = process.argv[2] || "110m";
const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`)));
const countries = feature(topology, topology.objects.countries);
const width = 960, height = 470;
const projection = geoEqualEarth().fitSize([width, height], { type: "Sphere" });
const path = geoPath(projection).digits(1);
const shapes = {};
for (const f of countries.features) {
  const key = f.id ?? (f.properties.name === "Kosovo" ? "XKX" : null);
  if (!key || f.properties.name === "Antarctica") continue;
  const d = path(f);
  if (d) shapes[key] = (shapes[key] ? shapes[key] : "") + d;
}
const out = {
  source: `world-atlas ${scale} (Natural Earth, public domain), Equal Earth projection`,
  width, height, sphere: path({ type: "Sphere" }), countries: shapes,
};
process.stdout.write(JSON.stringify(out));
