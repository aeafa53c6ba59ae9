"""Neutral placeholder portraits for directors whose photographs are not yet
available: the person's initials, white on NHS blue (contrast 6.7:1), 400×400
PNG. Editors replace them with real photographs."""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont

NHS_BLUE = (0, 94, 184)  # #005eb8
WHITE = (255, 255, 255)
SIZE = 400


def initials(name):
    """“Karen Smith” → “KS”; “Blackburn with Darwen” would be “BWD”."""
    return "".join(part[0] for part in name.split() if part[:1].isalpha()).upper()


def placeholder_portrait(name):
    """A PNG (as a Django file) of `name`'s initials on a plain NHS blue square."""
    image = Image.new("RGB", (SIZE, SIZE), NHS_BLUE)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=160)
    draw.text((SIZE / 2, SIZE / 2), initials(name), fill=WHITE, font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    buffer.seek(0)
    slug = "-".join(name.lower().split())
    return ImageFile(buffer, name=f"placeholder-portrait-{slug}.png")
