"""Fictional employees for the demo: Madurese and Indonesian names, academic titles, valid NIPs
and grades that fit the level of the position. Pure module (no Django import), deterministic
for a given seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

MALE_FIRST = [
    "Moh.",
    "Achmad",
    "Abd.",
    "Mohammad",
    "Ach.",
    "Agus",
    "Imam",
    "Syaiful",
    "Zainal",
    "Fathor",
    "Hasan",
    "Musleh",
    "Slamet",
    "Rudi",
]
MALE_LAST = [
    "Hasan Basri",
    "Fauzi",
    "Rahem",
    "Rahman",
    "Bahri",
    "Arifin",
    "Holili",
    "Mahfud",
    "Sulaiman",
    "Syafi'i",
    "Sholeh",
    "Jufri",
    "Mursyid",
    "Hamzah",
    "Anwar",
    "Hidayat",
    "Ridwan",
    "Ghozali",
    "Yasin",
    "Wahyudi",
]
FEMALE_FIRST = ["Siti", "Nurul", "Hosnol", "Dewi", "Ummu", "Lilik", "Sri", "Anis", "Fitri", "Nur"]
FEMALE_LAST = [
    "Maimunah",
    "Hidayati",
    "Khotimah",
    "Fitriyah",
    "Kulsum",
    "Indrawati",
    "Wahyuni",
    "Suryani",
    "Nisa'",
    "Hasanah",
    "Aminah",
    "Zahroh",
    "Rofiqoh",
]

# level -> (birth years, grades, back titles, front titles)
LEVELS: dict[str, tuple[range, list[str], list[str], list[str]]] = {
    "head": (range(1967, 1972), ["IV/c"], ["M.Si.", "M.M.", "M.AP."], ["Drs. H.", "H.", "Dr."]),
    "eselon3": (
        range(1969, 1978),
        ["IV/a", "IV/b"],
        ["S.H., M.M.", "S.Sos., M.Si.", "S.E., M.M.", "S.AP., M.AP."],
        ["", "", "H."],
    ),
    "eselon4": (
        range(1974, 1985),
        ["III/d", "IV/a"],
        ["S.Sos.", "S.E.", "S.Kom.", "S.H.", "S.AP.", "S.Sos., M.Si.", "S.T."],
        ["", "", ""],
    ),
    "staff": (
        range(1980, 1996),
        ["II/c", "II/d", "III/a", "III/b", "III/c"],
        ["S.Kom.", "S.E.", "A.Md.", "S.Sos.", "S.AP.", "", "A.Md.Kom."],
        [""],
    ),
}


STAFF_GRADES = {
    "": ["II/c", "II/d"],
    "A": ["II/c", "II/d", "III/a", "III/b"],
    "S": ["III/a", "III/b", "III/c"],
}


@dataclass(frozen=True)
class Person:
    nip: str
    name: str
    front_title: str
    back_title: str
    grade: str
    appointed: date  # CPNS appointment (first of the month)


class PeopleFactory:
    """Hands out distinct fictional people, reproducibly (``random.Random(seed)``)."""

    def __init__(self, seed: int = 2019, *, latest_year: int = 2023):
        self.rng = random.Random(seed)
        self.latest_year = latest_year
        self.names: set[str] = set()
        self.nips: set[str] = set()

    def _name(self, female: bool) -> str:
        first, last = (FEMALE_FIRST, FEMALE_LAST) if female else (MALE_FIRST, MALE_LAST)
        while True:
            name = f"{self.rng.choice(first)} {self.rng.choice(last)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def person(self, level: str, *, female: bool | None = None, plain: bool = False) -> Person:
        """``plain``: no academic title (e.g. a driver)."""
        years, grades, backs, fronts = LEVELS[level]
        if female is None:
            female = self.rng.random() < 0.35
        birth = date(self.rng.choice(years), self.rng.randint(1, 12), self.rng.randint(1, 28))
        appointed_year = min(birth.year + self.rng.randint(22, 29), self.latest_year)
        if appointed_year - birth.year < 19:  # a CPNS is appointed as an adult
            birth = birth.replace(year=appointed_year - 22)
        appointed = date(appointed_year, self.rng.choice([1, 3, 4, 12]), 1)
        stem = f"{birth:%Y%m%d}{appointed:%Y%m}{'2' if female else '1'}"
        serial = 1
        while f"{stem}{serial:03d}" in self.nips:
            serial += 1
        nip = f"{stem}{serial:03d}"
        self.nips.add(nip)
        front = "" if plain else self.rng.choice(fronts)
        if female:
            front = front.replace("Drs.", "Dra.").replace("H.", "Hj.")
        back = "" if plain else self.rng.choice(backs)
        if level == "staff":  # the entry grade follows the diploma: SMA II/a, D3 II/c, S1 III/a
            grades = STAFF_GRADES[back.split(".")[0] if back else ""]
        return Person(
            nip=nip,
            name=self._name(female),
            front_title=front,
            back_title=back,
            grade=self.rng.choice(grades),
            appointed=appointed,
        )
