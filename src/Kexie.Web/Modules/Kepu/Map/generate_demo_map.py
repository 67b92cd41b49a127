#!/usr/bin/env python3
"""Generates the schematic county map of the fictional demo city 示范市 (wwwroot/lib/kepu-map/demo-counties.geojson).

The demo city does not exist, so neither do its boundaries: seven hexagonal cells (the seat district in the middle)
with deterministically wobbled shared edges, so that neighbouring counties meet exactly. A real deployment uploads
its own GeoJSON (e.g. from DataV GeoAtlas) under 科学普及 → 县区地图.
    python3 src/Kexie.Web/Modules/Kepu/Map/generate_demo_map.py > src/Kexie.Web/wwwroot/lib/kepu-map/demo-counties.geojson
"""
import hashlib
import json
import math

R = 0.22                      # cell radius in degrees
ORIGIN = (108.60, 34.20)      # an arbitrary spot: the city is fictional
COUNTIES = [                  # code, name, axial position of the cell (q, r)
    ("619902", "秦川区", (0, 0)),
    ("619903", "明德区", (1, -1)),
    ("619921", "丹溪县", (1, 0)),
    ("619922", "云岭县", (0, 1)),
    ("619923", "青峪县", (-1, 1)),
    ("619924", "柳塘县", (-1, 0)),
    ("619981", "安澜市", (0, -1)),
]


def key(p):
    return f"{p[0]:.5f},{p[1]:.5f}"


def wobble(seed, scale):
    h = hashlib.sha256(seed.encode()).digest()
    return ((h[0] / 255 - 0.5) * scale, (h[1] / 255 - 0.5) * scale)


def corner(cx, cy, i):
    a = math.radians(60 * i)
    return (round(cx + R * math.cos(a), 5), round(cy + R * math.sin(a) * 0.85, 5))


def cell(q, r):
    cx = ORIGIN[0] + R * 1.5 * q
    cy = ORIGIN[1] + R * math.sqrt(3) * (r + q / 2) * 0.85
    corners = [corner(cx, cy, i) for i in range(6)]
    ring = []
    for i in range(6):
        a, b = corners[i], corners[(i + 1) % 6]
        da = wobble(key(a), R * 0.18)
        ring.append((round(a[0] + da[0], 5), round(a[1] + da[1], 5)))
        for t in (1 / 3, 2 / 3):
            # A point of the shared edge depends only on the edge and its distance from the lower end, not on the cell.
            lo, hi = sorted([a, b])
            tt = t if (lo, hi) == (a, b) else 1 - t
            p = (lo[0] + (hi[0] - lo[0]) * tt, lo[1] + (hi[1] - lo[1]) * tt)
            d = wobble(key(lo) + key(hi) + f"{tt:.3f}", R * 0.25)
            ring.append((round(p[0] + d[0], 5), round(p[1] + d[1], 5)))
    ring.append(ring[0])
    return [[list(p) for p in ring]]


features = [{
    "type": "Feature",
    "properties": {"code": code, "name": name},
    "geometry": {"type": "Polygon", "coordinates": cell(*pos)},
} for code, name, pos in COUNTIES]
print(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")))
