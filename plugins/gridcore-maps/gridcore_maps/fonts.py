"""The font maps are labelled with: the CJK font gridcore's statistics use (``[settings.core] cjk_font``,
else fontconfig, else the known paths), at the plugin's ``font_size``."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from gridcore.stats.fonts import find_cjk_font

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

    from gridcore import GridApp


def font_path(app: GridApp) -> Path:
    """The CJK font file; a missing one is a one-line error naming the package to install."""
    return find_cjk_font(str(app.setting("core", "cjk_font")))


@functools.cache
def load_font(path: Path, size: int) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size)
