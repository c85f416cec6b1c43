"""Import templates of an entity (导出住户采集表 / 导出人员采集表, R-G04), with today's dictionaries.

The workbook itself is the exchange layer's (:func:`gridcore.exchange.write_template`): headers are
the Chinese labels on ``Entity.sheet``, generated columns marked, the ID column text. This service adds
what only the database knows: the drop-down lists, taken from the dictionary entries as stored now
(users' edits included, disabled entries left out).
"""

from __future__ import annotations

import os
from pathlib import Path

from gridcore.contributions import Entity
from gridcore.entities import entity_fields
from gridcore.exchange import ExchangeError, write_template
from gridcore.services import dictionaries
from gridcore.services.exports import output_file
from gridcore.services.query import entity
from gridcore.services.unit import UnitOfWork

TEMPLATE_SUFFIX = ".xlsx"


def dictionary_labels(uow: UnitOfWork, target: Entity) -> dict[str, list[str]]:
    """For every dictionary the entity's fields use, the labels of its enabled entries in display order."""
    labels: dict[str, list[str]] = {}
    for field in entity_fields(target.model):
        dictionary_id = field.info.dictionary
        if dictionary_id and dictionary_id not in labels:
            current = dictionaries.current(uow, dictionary_id)
            labels[dictionary_id] = [entry.label for entry in current.entries if entry.enabled]
    return labels


def write_entity_template(uow: UnitOfWork, entity_id: str, path: str | os.PathLike[str]) -> Entity:
    """Write the import template of ``entity_id`` to ``path`` (an .xlsx file); return the entity."""
    target = entity(uow, entity_id)
    if Path(path).suffix.lower() != TEMPLATE_SUFFIX:
        raise ExchangeError("模板只能写成 .xlsx 文件, 请把文件名改为以 .xlsx 结尾", path=path)
    labels = dictionary_labels(uow, target)
    with output_file(path) as temporary:
        write_template(temporary, target, labels)
    return target
