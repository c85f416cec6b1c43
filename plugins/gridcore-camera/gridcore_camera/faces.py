"""Finding the face in a portrait, for the face-centred one-inch crop.

A face finder is any callable ``finder(image) -> FaceBox | None``. The one gridcore-camera ships uses
OpenCV's Haar cascade (the optional ``opencv`` extra, ``opencv-python-headless>=4.8,<5``: version 5 no
longer ships the cascade files nor ``CascadeClassifier``). Without OpenCV :func:`default_face_finder`
gives ``None`` and photos are centre-cropped instead.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Protocol

import attrs
from PIL import Image

CASCADE = "haarcascade_frontalface_default.xml"
#: Faces smaller than this share of the picture's shorter side are ignored (background people, noise).
MIN_FACE_SHARE = 0.08


@attrs.frozen
class FaceBox:
    """A face's bounding box in pixels: left, top, width, height."""

    left: int
    top: int
    width: int
    height: int

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.width / 2, self.top + self.height / 2)


class FaceFinder(Protocol):
    """Finds the main face of a picture, or ``None`` when there is none."""

    def __call__(self, image: Image.Image) -> FaceBox | None: ...


def opencv() -> Any | None:
    """The ``cv2`` module if OpenCV is installed with the Haar cascade support, else ``None``."""
    try:
        cv2 = importlib.import_module("cv2")
    except ImportError:
        return None
    if not hasattr(cv2, "CascadeClassifier") or not hasattr(cv2, "data"):
        return None
    return cv2


class HaarFaceFinder:
    """OpenCV's frontal-face Haar cascade; the largest face found wins."""

    def __init__(self, cv2: Any) -> None:
        path = Path(cv2.data.haarcascades) / CASCADE
        self._cv2 = cv2
        self._cascade = cv2.CascadeClassifier(str(path))
        if self._cascade.empty():
            raise RuntimeError(f"OpenCV cascade {path} could not be loaded")

    def __call__(self, image: Image.Image) -> FaceBox | None:
        import numpy as np  # installed with OpenCV

        gray = np.asarray(image.convert("L"))
        smallest = max(int(min(image.size) * MIN_FACE_SHARE), 20)
        found = self._cascade.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(smallest, smallest))
        boxes = [FaceBox(int(x), int(y), int(w), int(h)) for (x, y, w, h) in found]
        if not boxes:
            return None
        return max(boxes, key=lambda box: box.width * box.height)


def default_face_finder() -> FaceFinder | None:
    """The Haar face finder when OpenCV is installed (and its cascade loads), else ``None``."""
    cv2 = opencv()
    if cv2 is None:
        return None
    try:
        return HaarFaceFinder(cv2)
    except RuntimeError:
        return None
