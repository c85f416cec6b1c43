"""Synthetic sample portraits for the demo and the tests: drawn with Pillow, no real person, no download.

Every picture is generated from a seed (background, skin, hair and clothes colours vary), so the samples
are reproducible and free of any licence: they are released as CC0 (see the plugin README). A portrait
knows where its drawn face is (:attr:`Portrait.face`), which lets tests check a face-centred crop.
"""

from __future__ import annotations

import random

import attrs
from PIL import Image, ImageDraw

from gridcore_camera.faces import FaceBox

BACKGROUNDS = ((214, 228, 240), (235, 235, 235), (200, 222, 210), (240, 226, 214), (61, 131, 199))
SKINS = ((241, 206, 176), (226, 185, 150), (205, 160, 120), (250, 220, 195))
HAIRS = ((30, 24, 20), (60, 45, 35), (90, 70, 50), (20, 20, 25))
CLOTHES = ((40, 50, 80), (120, 30, 40), (50, 90, 60), (70, 70, 70), (230, 230, 235))


@attrs.frozen
class Portrait:
    image: Image.Image
    face: FaceBox


def synthetic_portrait(
    seed: int,
    *,
    size: tuple[int, int] = (600, 800),
    centre: tuple[float, float] = (0.5, 0.4),
    face_height: float = 0.3,
) -> Portrait:
    """A drawn head and shoulders; ``centre`` and ``face_height`` place the face (shares of the picture)."""
    pick = random.Random(seed)
    width, height = size
    background, skin = pick.choice(BACKGROUNDS), pick.choice(SKINS)
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    face_h = height * face_height
    face_w = face_h * 0.75
    cx, cy = width * centre[0], height * centre[1]
    left, top = cx - face_w / 2, cy - face_h / 2
    # shoulders and neck
    draw.ellipse(
        (cx - face_w * 1.6, cy + face_h * 0.55, cx + face_w * 1.6, cy + face_h * 2.2), fill=pick.choice(CLOTHES)
    )
    draw.rectangle((cx - face_w * 0.18, cy + face_h * 0.3, cx + face_w * 0.18, cy + face_h * 0.7), fill=skin)
    # hair behind, then the face
    hair = pick.choice(HAIRS)
    draw.ellipse((left - face_w * 0.08, top - face_h * 0.12, left + face_w * 1.08, top + face_h * 0.7), fill=hair)
    draw.ellipse((left, top, left + face_w, top + face_h), fill=skin)
    draw.chord((left, top - face_h * 0.05, left + face_w, top + face_h * 0.45), 180, 360, fill=hair)
    # eyes, brows, nose, mouth
    for side in (-1, 1):
        ex, ey = cx + side * face_w * 0.2, cy - face_h * 0.05
        draw.ellipse((ex - face_w * 0.09, ey - face_h * 0.035, ex + face_w * 0.09, ey + face_h * 0.035), fill="white")
        draw.ellipse(
            (ex - face_w * 0.04, ey - face_h * 0.03, ex + face_w * 0.04, ey + face_h * 0.03), fill=(40, 30, 25)
        )
        draw.line((ex - face_w * 0.1, ey - face_h * 0.09, ex + face_w * 0.1, ey - face_h * 0.1), fill=hair, width=4)
    draw.line((cx, cy, cx - face_w * 0.04, cy + face_h * 0.13), fill=(170, 120, 100), width=3)
    mouth = (cx - face_w * 0.16, cy + face_h * 0.14, cx + face_w * 0.16, cy + face_h * 0.3)
    draw.arc(mouth, 20, 160, fill=(160, 60, 60), width=4)
    face = FaceBox(round(left), round(top), round(face_w), round(face_h))
    return Portrait(image=image, face=face)
