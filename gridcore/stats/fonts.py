"""Finding a font that draws Chinese: the edition's setting, then fontconfig, then known paths.

matplotlib draws boxes for Chinese unless a CJK font file is registered; nothing is downloaded.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from gridcore.errors import ConfigError

KNOWN_PATHS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)
PACKAGE_HINT = "请安装中文字体: apt-get install fonts-wqy-microhei,或在版本配置 [settings.core] cjk_font 指定字体文件"


def _from_fontconfig() -> Path | None:
    if shutil.which("fc-list") is None:
        return None
    try:
        listing = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0].strip() for line in listing.splitlines() if line.strip())
    preferred = [f for f in files if "wqy" in f.lower() or "noto" in f.lower()] or files
    return Path(preferred[0]) if preferred else None


def find_cjk_font(configured: str = "") -> Path:
    """The font file to draw Chinese with; a missing one names the package to install."""
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise ConfigError(f"[settings.core] cjk_font 指定的字体文件不存在: {configured}")
        return path
    found = _from_fontconfig()
    if found is not None and found.is_file():
        return found
    for candidate in KNOWN_PATHS:
        if Path(candidate).is_file():
            return Path(candidate)
    raise ConfigError(f"未找到可显示中文的字体。{PACKAGE_HINT}")
