"""Synthetic people for the fire-safety demo: none of them a name printed in the seed."""

from __future__ import annotations

import random

from gridcore.demo.people import PeopleGenerator, is_real_name


class Names:
    """``names()`` gives a new synthetic name each call; ``names.phone()`` a synthetic mobile number."""

    def __init__(self, seed: int) -> None:
        self.people = PeopleGenerator(seed)
        self.rng = random.Random(seed)
        self.used: set[str] = set()

    def __call__(self) -> str:
        while True:
            name = self.people.family().head.name
            if name not in self.used and not is_real_name(name):
                self.used.add(name)
                return name

    def phone(self) -> str:
        return f"139{self.rng.randint(0, 99_999_999):08d}"
