"""The world map's country shapes (``nap_graph/world/map.json``, built from Natural Earth by
``scripts/generate_world_map.mjs``): SVG paths in the Equal Earth projection, keyed by ISO
3166-1 alpha-3 code, so that a page draws the map itself and no request leaves the server."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pycountry


@dataclass(frozen=True, slots=True)
class WorldShapes:
    width: int
    height: int
    sphere: str
    countries: dict[str, str]
    source: str


@cache
def world_shapes() -> WorldShapes:
    data = json.loads((files(__package__) / "map.json").read_text(encoding="utf-8"))
    countries = {}
    for key, path in data["countries"].items():
        if key.isdigit():
            found = pycountry.countries.get(numeric=key.zfill(3))
            if found is None:
                continue
            key = found.alpha_3
        countries[key] = path
    return WorldShapes(data["width"], data["height"], data["sphere"], countries, data["source"])
