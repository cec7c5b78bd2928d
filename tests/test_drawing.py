"""The drawing's preprocessing (MNIST's recipe), on known shapes and on MNIST itself."""

import numpy as np
import pytest

from lenet_gui.data import normalise
from lenet_gui.data.drawing import (
    BACKGROUND,
    FOREGROUND,
    bounding_box,
    canvas_to_input,
    centre_of_mass,
    fit_box,
    image_to_ink,
    place_by_centre_of_mass,
    preprocess_stages,
    resize_area,
)
from tests import helpers
from tests.helpers import weights_path  # noqa: E402


def blank(h=280, w=280):
    return np.zeros((h, w), np.float32)


# --- known shapes -------------------------------------------------------------------------

def test_empty_canvas_gives_none():
    assert canvas_to_input(blank()) is None
    assert preprocess_stages(blank()) is None
    # a speck below one pixel's worth of ink is still empty, and so is faint noise
    c = blank()
    c[5, 5] = 0.5
    assert canvas_to_input(c) is None


def test_output_shape_dtype_and_levels():
    c = blank()
    c[60:220, 130:150] = 1.0
    x = canvas_to_input(c)
    assert x.shape == (1, 1, 32, 32) and x.dtype == np.float32
    assert np.isclose(x.min(), BACKGROUND) and np.isclose(x.max(), FOREGROUND, atol=1e-5)
    # the 2-pixel pad and the 28×28 field's edges are background
    assert np.allclose(x[0, 0, :2], BACKGROUND) and np.allclose(x[0, 0, :, 30:], BACKGROUND)


def test_bounding_box_crop():
    c = blank(100, 120)
    c[30:71, 40:56] = 1.0
    c[30, 90] = 0.001  # below the ink threshold (half a grey level): not part of the box
    assert bounding_box(c) == (30, 71, 40, 56)
    s = preprocess_stages(c)
    assert s.box == (30, 71, 40, 56)
    assert s.cropped.shape == (41, 16)
    assert np.all(s.cropped == 1.0)


def test_bounding_box_independent_of_position():
    a, b = blank(), blank()
    a[20:120, 20:60] = 1.0
    b[150:250, 200:240] = 1.0
    np.testing.assert_array_equal(canvas_to_input(a), canvas_to_input(b))


def test_aspect_ratio_kept_tall_bar():
    c = blank()
    c[100:140, 120:130] = 1.0  # 40 tall × 10 wide
    s = preprocess_stages(c)
    assert s.fitted.shape == (20, 5)  # a 10×40 bar becomes 5×20
    assert np.allclose(s.fitted, 1.0)  # whole pixels: exactly full


def test_aspect_ratio_kept_wide_bar_and_size_independent():
    for scale in (1, 3, 7):
        c = blank(300, 300)
        c[100 : 100 + 10 * scale, 20 : 20 + 40 * scale] = 1.0
        assert preprocess_stages(c).fitted.shape == (5, 20)


def test_small_drawing_is_enlarged_to_20():
    c = blank(28, 28)
    c[10:14, 12:14] = 1.0  # 4 × 2
    assert preprocess_stages(c).fitted.shape == (20, 10)


@pytest.mark.parametrize("shape", ["bar", "L", "triangle", "ring_offset"])
def test_centre_of_mass_lands_on_14_14(shape):
    c = blank()
    if shape == "bar":
        c[40:240, 130:150] = 1.0
    elif shape == "L":  # most mass on the left: the box is off-centre
        c[40:240, 40:80] = 1.0
        c[200:240, 40:200] = 1.0
    elif shape == "triangle":
        for i in range(180):
            c[50 + i, 60 : 61 + i] = 1.0
    else:
        yy, xx = np.mgrid[:280, :280]
        r = np.hypot(yy - 90, xx - 200)
        c[(r > 40) & (r < 60)] = 1.0
        c[150:160, 150:250] = 0.6
    s = preprocess_stages(c)
    r, col = centre_of_mass(s.centred)
    assert abs(r - 14.0) <= 0.5 and abs(col - 14.0) <= 0.5
    assert s.centred.shape == (28, 28)
    # the digit is placed, not cut: all the fitted ink is in the field
    assert np.isclose(s.centred.sum(), s.fitted.sum(), rtol=1e-6)


def test_place_by_centre_of_mass_keeps_box_inside():
    f = np.zeros((20, 20), np.float32)
    f[:, :2] = 1.0  # mass at the far left of a full-width box: cannot move it to 14
    out, (top, left) = place_by_centre_of_mass(f)
    assert 0 <= top <= 8 and 0 <= left <= 8
    assert np.isclose(out.sum(), f.sum())


def test_resize_area_preserves_mean_and_antialiases():
    rng = np.random.default_rng(0)
    img = rng.random((97, 53)).astype(np.float32)
    small = resize_area(img, 20, 11)
    assert small.shape == (20, 11)
    assert np.isclose(small.mean(), img.mean(), rtol=1e-4)
    # a 1-pixel line in a 200-pixel image fades to grey rather than vanishing or aliasing
    line = np.zeros((200, 200), np.float32)
    line[:, 101] = 1.0
    out = resize_area(line, 20, 20)
    assert np.isclose(out.sum(), line.sum() / 100, rtol=1e-5)
    assert 0 < out.max() < 0.2
    # exact integer factor = block mean
    blocks = rng.random((4, 6))
    big = np.kron(blocks, np.ones((5, 5)))
    np.testing.assert_allclose(resize_area(big, 4, 6), blocks, rtol=1e-5)


def test_fit_box_longer_side_20():
    assert fit_box(np.ones((33, 99), np.float32)).shape == (7, 20)
    assert fit_box(np.ones((99, 1), np.float32)).shape == (20, 1)


def test_stages_for_display():
    c = blank()
    c[50:230, 100:160] = 1.0
    s = preprocess_stages(c)
    assert s.drawn.shape == (280, 280)
    assert s.fitted20.shape == (20, 20)
    assert np.isclose(s.fitted20.sum(), s.fitted.sum())
    assert s.centred.shape == (28, 28)
    assert s.x.shape == (1, 1, 32, 32)
    for a in (s.drawn, s.cropped, s.fitted, s.centred):
        assert a.min() >= 0 and a.max() <= 1


def test_bad_input_rejected():
    with pytest.raises(ValueError):
        canvas_to_input(np.zeros((2, 3, 4)))


def test_nan_and_out_of_range_are_clipped():
    c = blank()
    c[50:230, 100:160] = 3.0
    c[0, 0] = np.nan
    x = canvas_to_input(c)
    assert np.isfinite(x).all() and x.max() <= FOREGROUND + 1e-6


# --- pictures -----------------------------------------------------------------------------

def test_image_to_ink_polarity():
    light_on_dark = blank(60, 40)
    light_on_dark[10:50, 15:25] = 0.9
    dark_on_light = 1.0 - light_on_dark
    a, b = image_to_ink(light_on_dark), image_to_ink(dark_on_light)
    np.testing.assert_allclose(a, b, atol=1e-6)
    assert a[0, 0] == 0 and np.isclose(a[30, 20], 1.0)


def test_image_to_ink_grey_paper_and_rgba():
    paper = np.full((50, 50, 3), 0.8)  # grey paper, dark-blue ink
    paper[10:40, 20:28] = (0.1, 0.1, 0.4)
    ink = image_to_ink(paper)
    assert ink[0, 0] == 0 and np.isclose(ink[20, 24], 1.0)
    rgba = np.zeros((50, 50, 4))  # black strokes on a transparent sheet
    rgba[10:40, 20:28, 3] = 1.0
    ink = image_to_ink(rgba)
    assert ink[0, 0] == 0 and np.isclose(ink[20, 24], 1.0)
    assert not image_to_ink(np.full((20, 20), 0.5)).any()  # no contrast: blank


# --- MNIST through the canvas ---------------------------------------------------------------

def upscale_bilinear(img: np.ndarray, size: int) -> np.ndarray:
    """(h, w) → (size, size), bilinear, pixel centres aligned."""
    h, w = img.shape
    ys = np.clip((np.arange(size) + 0.5) * h / size - 0.5, 0, h - 1)
    xs = np.clip((np.arange(size) + 0.5) * w / size - 0.5, 0, w - 1)
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    y1, x1 = np.minimum(y0 + 1, h - 1), np.minimum(x0 + 1, w - 1)
    fy, fx = (ys - y0)[:, None], (xs - x0)[None, :]
    top = img[y0][:, x0] * (1 - fx) + img[y0][:, x1] * fx
    bottom = img[y1][:, x0] * (1 - fx) + img[y1][:, x1] * fx
    return top * (1 - fy) + bottom * fy


def test_mnist_through_the_canvas_keeps_98_percent_of_accuracy():
    """2,000 test digits, upscaled ×10 to the canvas size (bilinear), intensities / 255, put
    through canvas_to_input: at least 98 % of the accuracy on the originals. (2,000 of the
    10,000 keep the test short.)"""
    from lenet_gui.train import load_checkpoint

    net = load_checkpoint(weights_path()).to_net()
    data = helpers.mnist()
    n = 2000
    images, labels = data.test_images[:n], data.test_labels[:n]
    via = np.empty((n, 1, 32, 32), np.float32)
    for i in range(n):
        via[i] = canvas_to_input(upscale_bilinear(images[i].astype(np.float32) / 255, 280))[0]

    def accuracy(x):
        pred = np.concatenate([net.forward(x[i : i + 500])["y"].argmax(1)
                               for i in range(0, n, 500)])
        return float(np.mean(pred == labels))

    original, canvas = accuracy(normalise(images)), accuracy(via)
    assert original > 0.95
    assert canvas >= 0.98 * original, (original, canvas)


def test_mnist_nearest_upscale_is_reproduced_exactly():
    """An MNIST digit blown up ×10 with square pixels comes back as itself: the recipe is
    MNIST's own (crop, 20×20, centre of mass at 14)."""
    data = helpers.mnist()
    same = 0
    for i in range(500):
        img = data.test_images[i].astype(np.float32) / 255
        big = np.repeat(np.repeat(img, 10, 0), 10, 1)
        x = canvas_to_input(big)
        same += np.allclose(x, normalise(data.test_images[i : i + 1]), atol=1e-4)
    assert same == 500
