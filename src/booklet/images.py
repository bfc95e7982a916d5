"""Raster images: checked when loaded, converted per target with ICC profiles.

Pillow's decompression-bomb protection stays on; a bomb, a truncated file or a file that
is not an image is a located content error. The print file gets CMYK pixels converted
through the FOGRA39 profile (ImageCms), the screen file sRGB.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageCms, UnidentifiedImageError

from .diagnostics import number
from .i18n import _
from .inputs import InputProblem, read_input

MAX_FILE_BYTES = 60_000_000


class ImageProblem(Exception):
    """What is wrong with an image file, in words for the editor."""


@dataclass(frozen=True)
class Picture:
    path: Path
    width_px: int
    height_px: int
    rgb: Image.Image
    cmyk: Image.Image

    @property
    def aspect(self) -> float:
        return self.height_px / self.width_px

    def ppi(self, placed_width_pt: float) -> float:
        return self.width_px / (placed_width_pt / 72)


@cache
def _transforms():
    from .pdf.pdfx import icc_path

    srgb = ImageCms.createProfile("sRGB")
    fogra = ImageCms.getOpenProfile(str(icc_path()))
    intent = ImageCms.Intent.PERCEPTUAL
    return (
        ImageCms.buildTransform(srgb, fogra, "RGB", "CMYK", intent),
        ImageCms.buildTransform(fogra, srgb, "CMYK", "RGB", intent),
    )


@lru_cache(maxsize=64)  # pictures can be megabytes: a few booklets' worth
def load_picture(path: Path) -> Picture:
    """Open, verify and convert an image once per process; raises :class:`ImageProblem`."""
    try:
        data = read_input(path, MAX_FILE_BYTES)
    except InputProblem as problem:
        raise ImageProblem(problem.message) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(
            _(
                "image '{path}' has too many pixels (a decompression bomb?); the limit is {max_image_pixels} pixels"
            ).format(path=path.name, max_image_pixels=number(Image.MAX_IMAGE_PIXELS))
        ) from None
    except UnidentifiedImageError:
        raise ImageProblem(
            _("'{path}' is not an image booklet can read (use JPEG or PNG)").format(path=path.name)
        ) from None
    except (OSError, SyntaxError, ValueError, MemoryError):
        raise ImageProblem(
            _("image '{path}' is damaged or incomplete: its pixels cannot be decoded").format(path=path.name)
        ) from None
    to_cmyk, to_rgb = _transforms()
    if image.mode == "CMYK":
        cmyk = image
        rgb = ImageCms.applyTransform(image, to_rgb)
    else:
        if image.mode in ("RGBA", "LA", "P", "PA"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        rgb = image.convert("RGB")
        cmyk = ImageCms.applyTransform(rgb, to_cmyk)
    return Picture(path, image.width, image.height, rgb, cmyk)
