"""Shared fixtures of the exchange tests: the core entities, their dictionary labels, the generators."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gridcore.builtin.registers import dictionaries, entities
from gridcore.contributions import Entity


def _load_generators() -> ModuleType:
    path = Path(__file__).parent / "fixtures" / "generate.py"
    spec = importlib.util.spec_from_file_location("exchange_fixture_generators", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GENERATORS = _load_generators()


@pytest.fixture(scope="session")
def gen() -> ModuleType:
    """``tests/exchange/fixtures/generate.py``: the fixture generators."""
    return GENERATORS


@pytest.fixture(scope="session")
def core_entities() -> dict[str, Entity]:
    return {entity.id: entity for entity in entities()}


@pytest.fixture(scope="session")
def household(core_entities) -> Entity:
    return core_entities["household"]


@pytest.fixture(scope="session")
def resident(core_entities) -> Entity:
    return core_entities["resident"]


@pytest.fixture(scope="session")
def dictionary_labels() -> dict[str, list[str]]:
    return {dictionary.id: [entry.label for entry in dictionary.entries] for dictionary in dictionaries()}
