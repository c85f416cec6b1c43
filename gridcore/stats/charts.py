"""Bar and pie charts of statistics as PNG files, with Chinese labels (matplotlib, Agg backend)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gridcore.contributions import Statistic, StatTable


def _numeric_rows(table: StatTable) -> list[tuple[str, float]]:
    """(label, value) pairs: the label joins the text columns, the value is the last column."""
    pairs = []
    for row in table.rows:
        value = row[-1]
        if isinstance(value, (int, float)):
            label = " ".join(part for part in row[:-1] if isinstance(part, str) and part) or "-"
            pairs.append((label, float(value)))
    return pairs


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w\-]+", "_", text).strip("_") or "chart"


def draw_charts(statistic: Statistic, table: StatTable, folder: Path, font: Path) -> list[Path]:
    """Draw each chart kind the statistic asks for; return the files written."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    font_manager.fontManager.addfont(str(font))
    family = font_manager.FontProperties(fname=str(font)).get_name()
    plt.rcParams["font.family"] = family
    plt.rcParams["axes.unicode_minus"] = False
    pairs = _numeric_rows(table)
    written: list[Path] = []
    for kind in statistic.charts:
        figure, axes = plt.subplots(figsize=(8, 5), dpi=100)
        labels = [label for label, _ in pairs]
        values = [value for _, value in pairs]
        if kind == "pie" and sum(values) > 0:
            shown = [(label, value) for label, value in pairs if value > 0]
            axes.pie([v for _, v in shown], labels=[label for label, _ in shown], autopct="%1.1f%%", startangle=90)
            axes.axis("equal")
        else:
            bars: Any = axes.bar(range(len(values)), values, color="#c0392b")
            rotate = len(labels) > 6
            axes.set_xticks(
                range(len(values)), labels, rotation=30 if rotate else 0, ha="right" if rotate else "center"
            )
            axes.yaxis.set_major_locator(MaxNLocator(integer=True))
            axes.bar_label(bars, fmt="%g")
            axes.set_ylabel(table.columns[-1])
        axes.set_title(statistic.title)
        figure.tight_layout()
        path = folder / f"{_safe_name(statistic.id)}-{kind}.png"
        figure.savefig(path)
        plt.close(figure)
        written.append(path)
    return written
