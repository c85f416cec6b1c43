"""Capture sources: a file, the newest picture of a folder, a video file and a camera (both need OpenCV)."""

from __future__ import annotations

import os

import pytest
from gridcore_camera.capture import (
    CameraSource,
    FileSource,
    FolderSource,
    VideoFileSource,
    capture_one,
    open_source,
)
from gridcore_camera.faces import opencv
from PIL import Image

from gridcore.errors import ConfigError, ValidationError

NO_OPENCV = opencv() is None


def test_open_source_picks_the_source_by_what_the_path_is(tmp_path):
    picture = tmp_path / "a.jpg"
    Image.new("RGB", (8, 8)).save(picture)
    assert isinstance(open_source(str(picture)), FileSource)
    assert isinstance(open_source(str(tmp_path)), FolderSource)
    video = open_source(str(tmp_path / "clip.MP4"), frame=7)
    assert isinstance(video, VideoFileSource)
    assert video.frame == 7
    assert isinstance(open_source(None), CameraSource)
    camera = open_source("camera:2")
    assert isinstance(camera, CameraSource)
    assert camera.device == 2
    with pytest.raises(ValidationError, match="摄像头编号应为数字"):
        open_source("camera:front")


def test_a_file_source_gives_the_clean_picture(tmp_path):
    picture = tmp_path / "a.png"
    Image.new("RGBA", (12, 6), (255, 0, 0, 255)).save(picture)
    image = capture_one(FileSource(picture))
    assert (image.mode, image.size, image.getpixel((1, 1))) == ("RGB", (12, 6), (255, 0, 0))


def test_a_folder_source_gives_the_newest_picture(tmp_path):
    for name, colour, when in (("1.png", (255, 0, 0), 10), ("2.png", (0, 255, 0), 30), ("3.png", (0, 0, 255), 20)):
        Image.new("RGB", (4, 4), colour).save(tmp_path / name)
        os.utime(tmp_path / name, (when, when))
    assert capture_one(FolderSource(tmp_path)).getpixel((0, 0)) == (0, 255, 0)


def test_an_empty_folder_says_so(tmp_path):
    (tmp_path / "readme.txt").write_text("no pictures", encoding="utf-8")
    with pytest.raises(ValidationError, match="文件夹中没有可用的图片"):
        FolderSource(tmp_path).grab()


@pytest.mark.skipif(not NO_OPENCV, reason="OpenCV is installed")
def test_video_and_camera_need_opencv_and_say_how_to_install_it(tmp_path):
    with pytest.raises(ConfigError, match=r"pip install 'gridcore-camera\[opencv\]'"):
        VideoFileSource(tmp_path / "clip.mp4").grab()
    with pytest.raises(ConfigError, match=r"使用摄像头需要安装 OpenCV"):
        capture_one(CameraSource(0))


@pytest.mark.skipif(NO_OPENCV, reason="OpenCV (the opencv extra) is not installed")
def test_a_video_file_gives_the_asked_frame(tmp_path):
    import numpy as np

    cv2 = opencv()
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 5, (64, 48))
    for colour in ((0, 0, 255), (0, 255, 0), (255, 0, 0)):  # BGR: red, green, blue frames
        writer.write(np.full((48, 64, 3), colour, dtype=np.uint8))
    writer.release()
    red, green = VideoFileSource(path, frame=0).grab(), VideoFileSource(path, frame=1).grab()
    assert red.size == (64, 48)
    assert red.getpixel((30, 20))[0] > 200
    assert green.getpixel((30, 20))[1] > 200
    with pytest.raises(ValidationError, match="读不到第 9 帧"):
        VideoFileSource(path, frame=9).grab()
