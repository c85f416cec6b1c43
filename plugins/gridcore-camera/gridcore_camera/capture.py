"""Where a captured photo comes from (视频拍照, R-F02/R-R04): a :class:`CaptureSource`.

A source gives one frame when asked. :class:`FileSource` (a picture file), :class:`FolderSource` (the
newest picture in a folder a tethered camera writes into) and :class:`VideoFileSource` (a frame of a
video file) make capture testable without hardware; :class:`CameraSource` reads a camera. The video and
camera sources need OpenCV (the ``opencv`` extra); without it they say so in one line. The web UI will
capture in the browser and upload the picture, which is then a file like any other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PIL import Image

from gridcore.errors import ConfigError, ValidationError
from gridcore_camera.faces import opencv
from gridcore_camera.images import clean, load_image

VIDEO_SUFFIXES = frozenset({".mp4", ".avi", ".mov", ".mkv", ".webm", ".wmv", ".flv", ".mpg", ".mpeg", ".m4v"})
CAMERA_PREFIX = "camera:"
#: Frames read and dropped first, while a camera adjusts its exposure.
WARM_UP_FRAMES = 5
NEEDS_OPENCV = "需要安装 OpenCV: pip install 'gridcore-camera[opencv]'"


class CaptureSource(Protocol):
    """Something that gives a picture when asked: a file, a folder, a video file, a camera."""

    @property
    def description(self) -> str: ...

    def grab(self) -> Image.Image:
        """One frame, upright, RGB, without metadata; a one-line ``GridcoreError`` if there is none."""
        ...

    def close(self) -> None: ...


class FileSource:
    """A picture file (the photo was taken elsewhere)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def description(self) -> str:
        return f"文件 {self.path}"

    def grab(self) -> Image.Image:
        return load_image(self.path).image

    def close(self) -> None:
        return None


class FolderSource:
    """The newest picture in a folder (by modification time, then name); files that are not pictures are passed over."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def description(self) -> str:
        return f"文件夹 {self.folder}"

    def grab(self) -> Image.Image:
        files = [p for p in self.folder.iterdir() if p.is_file() and not p.name.startswith(".")]
        for path in sorted(files, key=lambda p: (p.stat().st_mtime, p.name), reverse=True):
            try:
                return load_image(path).image
            except ValidationError:
                continue
        raise ValidationError(f"{self.folder}: 文件夹中没有可用的图片", field="来源", value=str(self.folder))

    def close(self) -> None:
        return None


def _frame_to_image(cv2: Any, frame: Any) -> Image.Image:
    rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    return clean(Image.fromarray(rgb))


def _require_opencv(what: str) -> Any:
    cv2 = opencv()
    if cv2 is None:
        raise ConfigError(f"{what}{NEEDS_OPENCV}")
    return cv2


class VideoFileSource:
    """Frame ``frame`` (from 0) of a video file."""

    def __init__(self, path: Path, *, frame: int = 0) -> None:
        self.path = path
        self.frame = frame

    @property
    def description(self) -> str:
        return f"视频 {self.path} 第 {self.frame} 帧"

    def grab(self) -> Image.Image:
        cv2 = _require_opencv(f"读取视频 {self.path.name} ")
        if not self.path.is_file():
            raise ValidationError(f"{self.path}: 视频文件不存在", field="来源", value=str(self.path))
        video = cv2.VideoCapture(str(self.path))
        try:
            if not video.isOpened():
                raise ValidationError(f"{self.path.name}: 无法打开视频文件", field="来源", value=str(self.path))
            video.set(cv2.CAP_PROP_POS_FRAMES, self.frame)
            ok, frame = video.read()
            if not ok or frame is None:
                raise ValidationError(f"{self.path.name}: 读不到第 {self.frame} 帧", field="来源", value=str(self.path))
            return _frame_to_image(cv2, frame)
        finally:
            video.release()

    def close(self) -> None:
        return None


class CameraSource:
    """A camera (OpenCV device number); the frame after :data:`WARM_UP_FRAMES` is kept."""

    def __init__(self, device: int = 0) -> None:
        self.device = device
        self._capture: Any = None

    @property
    def description(self) -> str:
        return f"摄像头 {self.device}"

    def grab(self) -> Image.Image:
        cv2 = _require_opencv("使用摄像头")
        if self._capture is None:
            self._capture = cv2.VideoCapture(self.device)
        if not self._capture.isOpened():
            raise ValidationError(f"无法打开摄像头 {self.device}; 请检查连接或用 --source 指定图片", field="来源")
        frame = None
        for _ in range(WARM_UP_FRAMES + 1):
            ok, frame = self._capture.read()
            if not ok:
                raise ValidationError(f"摄像头 {self.device} 没有返回画面", field="来源")
        return _frame_to_image(cv2, frame)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


def open_source(spec: str | None, *, frame: int = 0) -> CaptureSource:
    """The source ``spec`` names: ``None`` or ``camera:N`` a camera, a folder, a video file, or a picture file."""
    if spec is None or not spec.strip():
        return CameraSource(0)
    if spec.startswith(CAMERA_PREFIX):
        number = spec.removeprefix(CAMERA_PREFIX)
        if not number.isdigit():
            raise ValidationError(f"摄像头编号应为数字, 例如 camera:0 (收到 {spec})", field="来源", value=spec)
        return CameraSource(int(number))
    path = Path(spec).expanduser()
    if path.is_dir():
        return FolderSource(path)
    if path.suffix.lower() in VIDEO_SUFFIXES:
        return VideoFileSource(path, frame=frame)
    return FileSource(path)


def capture_one(source: CaptureSource) -> Image.Image:
    """One frame of ``source``, which is closed afterwards."""
    try:
        return source.grab()
    finally:
        source.close()
