"""Where cases are brought: Chongqing's county-level divisions as they stood on each day
(renamed and merged ones included) and the agencies' names in them (data/places.yaml)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"

@dataclass(frozen=True)
class Places:
    prefix: str
    city_label: str
    city_court_code: str
    city_weight: float
    divisions: tuple[dict, ...]
    agency_types: dict[str, dict]
    case_types: dict[str, dict]


@lru_cache(maxsize=1)
def load_places() -> Places:
    raw = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))
    divisions = []
    for d in raw["divisions"]:
        versions = sorted(({"from": date.fromisoformat(str(v["from"])), "name": v.get("name"),
                            "kind": v.get("kind"), "code": v.get("code")} for v in d["versions"]),
                          key=lambda v: v["from"])
        divisions.append({"weight": float(d["weight"]), "versions": versions})
    return Places(prefix=raw["city_prefix"], city_label=raw["city_level_label"],
                  city_court_code=str(raw["city_court_code"]),
                  city_weight=float(raw["city_level_weight"]), divisions=tuple(divisions),
                  agency_types=raw["agency_types"], case_types=raw["case_types"])


def divisions_in_force(on: date) -> list[dict]:
    """The county-level divisions (name, kind, code) in force on ``on``, in the file's order."""
    out = []
    for d in load_places().divisions:
        current = None
        for v in d["versions"]:
            if v["from"] <= on:
                current = v
        if current and current["name"]:
            out.append(current)
    return out


def agency_name(places: Places, type_key: str, year: int, division: dict | None) -> str | None:
    spec = places.agency_types[type_key]
    current = None
    for n in sorted(spec["names"], key=lambda n: int(n["from"])):
        if int(n["from"]) <= year:
            current = n
    if current is None:
        return None
    if division is None:
        pattern = current["city"]
    elif division["kind"] != "district" and "county" in current:
        pattern = current["county"]
    else:
        pattern = current["district"]
    return pattern.format(prefix=places.prefix, division=division["name"] if division else "")

