"""The evaluation core: confusion galleries, perturbations on synthetic images, the threshold
curve, PCA against an SVD, class statistics, and the robustness command line."""

import numpy as np
import pytest

from lenet_gui.model import LeNet5
from lenet_gui.train import analysis as an
from lenet_gui.train import evaluate, save_checkpoint

# ----------------------------------------------------------------------- confusion

def test_confusion_sums_to_test_size_and_matches_evaluate(mnist):
    images, labels = mnist.test_images[:1500], mnist.test_labels[:1500]
    r = evaluate(LeNet5(seed=3), images, labels)
    m = an.confusion_matrix(labels, r.predictions)
    assert m.sum() == len(labels)
    np.testing.assert_array_equal(m, r.confusion)
    np.testing.assert_array_equal(m.sum(axis=1), an.class_counts(labels))


def test_cell_indices_are_exactly_the_cell_sorted_by_confidence(rng):
    labels = rng.integers(0, 10, 500)
    preds = np.where(rng.random(500) < 0.7, labels, rng.integers(0, 10, 500))
    conf = rng.random(500).astype(np.float32)
    m = an.confusion_matrix(labels, preds)
    total = 0
    for t in range(10):
        for p in range(10):
            idx = an.cell_indices(labels, preds, conf, t, p)
            assert len(idx) == m[t, p]
            assert np.all(labels[idx] == t) and np.all(preds[idx] == p)
            assert np.all(np.diff(conf[idx]) <= 0)  # most confident first
            assert np.all(np.diff(conf[an.cell_indices(labels, preds, conf, t, p, "unsure")]) >= 0)
            total += len(idx)
    assert total == 500
    wrong = an.mistakes(labels, preds, conf)
    assert set(wrong) == set(np.flatnonzero(labels != preds))
    assert np.all(np.diff(conf[wrong]) <= 0)


# ----------------------------------------------------------------------- perturbations

def _bar(angle_deg=0.0, n=28):
    """A horizontal bar through the centre (rotated by the caller)."""
    img = np.zeros((1, n, n), np.uint8)
    img[0, 13:15, 4:24] = 255
    return img


def _principal_angle(img):
    """Angle (degrees, counter-clockwise on screen) of the ink's principal axis."""
    r, c = np.nonzero(img > 64)
    w = img[r, c].astype(float)
    x, y = c - np.average(c, weights=w), -(r - np.average(r, weights=w))
    cov = np.cov(np.stack([x, y]), aweights=w)
    vals, vecs = np.linalg.eigh(cov)
    v = vecs[:, -1]
    a = np.degrees(np.arctan2(v[1], v[0]))
    return (a + 90) % 180 - 90  # an axis: fold into (−90, 90]


@pytest.mark.parametrize("deg", [-45, -30, 15, 30, 45])
def test_rotation_turns_a_bar_by_the_angle(deg):
    out = an.rotate(_bar(), deg)[0]
    assert out.dtype == np.uint8
    assert abs(_principal_angle(out) - deg) < 2.0
    # ink is preserved roughly (bilinear blurs but keeps the mass)
    assert abs(out.sum() / _bar().sum() - 1) < 0.1


def test_rotation_by_zero_and_by_90_is_exact_on_a_grid():
    img = np.random.default_rng(0).integers(0, 256, (2, 28, 28)).astype(np.uint8)
    np.testing.assert_array_equal(an.rotate(img, 0), img)
    np.testing.assert_array_equal(an.rotate(img, 90), np.rot90(img, 1, axes=(1, 2)))


@pytest.mark.parametrize("dx,dy", [(3, 0), (-4, 2), (0, -5)])
def test_shift_moves_a_dot(dx, dy):
    img = np.zeros((1, 28, 28), np.uint8)
    img[0, 10, 12] = 200
    out = an.shift(img, dx, dy)[0]
    assert out[10 + dy, 12 + dx] == 200 and out.sum() == 200


def test_shift_fills_background_and_half_pixel_splits():
    img = np.full((1, 28, 28), 255, np.uint8)
    out = an.shift(img, 2)[0]
    assert np.all(out[:, :2] == 0) and np.all(out[:, 2:] == 255)
    dot = np.zeros((1, 28, 28), np.uint8)
    dot[0, 5, 5] = 200
    half = an.shift(dot, 0.5)[0]
    assert half[5, 5] == 100 and half[5, 6] == 100


def test_dilation_grows_a_line_to_three_and_erosion_takes_it_back():
    img = np.zeros((1, 28, 28), np.uint8)
    img[0, 14, 5:22] = 255  # 1 pixel thick
    d = an.dilate(img)[0]
    cols = d[:, 10]
    assert np.flatnonzero(cols).tolist() == [13, 14, 15]  # 3 thick
    assert np.flatnonzero(d[14]).tolist() == list(range(4, 23))  # one more at each end
    np.testing.assert_array_equal(an.erode(an.dilate(img)), img)  # closing of a line
    assert an.erode(img).sum() == 0  # a 1-pixel line does not survive erosion
    np.testing.assert_array_equal(an.thickness(img, 2), an.dilate(img, 2))
    np.testing.assert_array_equal(an.thickness(img, -1), an.erode(img))
    np.testing.assert_array_equal(an.thickness(img, 0), img)


def test_noise_has_the_requested_sigma():
    img = np.full((100, 28, 28), 128, np.uint8)  # mid-grey: no clipping at σ = 20
    out = an.add_noise(img, 20.0, seed=1).astype(float) - 128
    # 78,400 samples: the mean's standard error is 0.07, the std's 0.05 (rounding adds 1/12)
    assert abs(out.mean()) < 0.3
    assert abs(out.std() - np.sqrt(20.0 ** 2 + 1 / 12)) < 0.25
    np.testing.assert_array_equal(an.add_noise(img, 0.0), img)
    blank = an.add_noise(np.zeros((5, 28, 28), np.uint8), 100.0)
    assert blank.min() == 0 and blank.max() == 255  # clipped, still uint8
    assert abs((blank > 0).mean() - 0.5) < 0.03  # half of N(0, σ) is positive


def test_every_perturbation_keeps_shape_and_dtype():
    img = np.random.default_rng(0).integers(0, 256, (3, 28, 28)).astype(np.uint8)
    for p in an.PERTURBATIONS:
        assert 0 in p.levels
        if p.adversarial:
            with pytest.raises(ValueError, match="against the network"):
                p.apply(img, 0.1)
            continue
        for lv in p.levels:
            out = p.apply(img, lv)
            assert out.shape == img.shape and out.dtype == np.uint8
        np.testing.assert_array_equal(p.apply(img, 0), img)


# ----------------------------------------------------------------------- robustness, threshold

def test_threshold_curve_counts():
    conf = np.array([0.2, 0.5, 0.6, 0.9, 0.95])
    correct = np.array([False, False, True, True, True])
    c = an.threshold_curve(conf, correct, np.array([0.0, 0.55, 0.92, 0.99]))
    np.testing.assert_allclose(c.answered, [1.0, 0.6, 0.2, 0.0])
    np.testing.assert_allclose(c.accuracy[:3], [0.6, 1.0, 1.0])
    assert np.isnan(c.accuracy[3])
    assert c.at(0.56) == (0.6, 1.0)


def test_robustness_sweep_levels_progress_and_stop(mnist):
    net = LeNet5(seed=0)
    images, labels = mnist.test_images[:60], mnist.test_labels[:60]
    calls = []
    r = an.robustness_sweep(net, images, labels, progress=lambda d, t: calls.append((d, t)))
    clean = evaluate(net, images, labels).accuracy
    assert r.clean_accuracy == pytest.approx(clean)
    for c in r.curves:
        assert len(c.levels) == len(c.accuracy) == len(c.perturbation.levels)
        assert c.accuracy[list(c.levels).index(0)] == pytest.approx(clean)
        assert np.all((0 <= c.accuracy) & (c.accuracy <= 1))
    assert calls[-1][0] == calls[-1][1] and all(a <= b for (a, _), (b, _) in zip(calls, calls[1:]))
    assert r.threshold.answered[0] == 1.0
    with pytest.raises(InterruptedError):
        an.robustness_sweep(net, images, labels, should_stop=lambda: len(calls) > 0)


# ----------------------------------------------------------------------- PCA

def test_pca_matches_numpy_svd_on_known_data(rng):
    # Anisotropic Gaussian with known axes: variances 25, 4, 1, 0.25 along a random rotation.
    q, _ = np.linalg.qr(rng.standard_normal((4, 4)))
    x = rng.standard_normal((3000, 4)) * np.array([5.0, 2.0, 1.0, 0.5]) @ q.T + [1, 2, 3, 4]
    r = an.pca(x, k=3)
    xc = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(xc, full_matrices=False)
    np.testing.assert_allclose(r.explained_variance, s[:3] ** 2 / (len(x) - 1), rtol=1e-10)
    np.testing.assert_allclose(r.explained_ratio, s[:3] ** 2 / (s ** 2).sum(), rtol=1e-10)
    for i in range(3):  # components equal up to sign
        dot = abs(float(r.components[i] @ vt[i]))
        assert dot == pytest.approx(1.0, abs=1e-10)
        assert abs(float(r.components[i] @ q[:, i])) > 0.99  # and close to the true axes
    np.testing.assert_allclose(r.explained_variance, [25, 4, 1], rtol=0.1)
    np.testing.assert_allclose(r.projected, xc @ r.components.T, atol=1e-10)
    np.testing.assert_allclose(r.projected.var(axis=0, ddof=1), r.explained_variance, rtol=1e-10)
    np.testing.assert_allclose(r.mean, [1, 2, 3, 4], atol=0.2)


def test_pca_sign_is_deterministic_and_rejects_bad_input(rng):
    x = rng.standard_normal((50, 6))
    a, b = an.pca(x), an.pca(-x)
    for i in range(2):
        assert a.components[i, np.abs(a.components[i]).argmax()] > 0
    np.testing.assert_allclose(np.abs(a.components), np.abs(b.components), atol=1e-12)
    with pytest.raises(ValueError):
        an.pca(np.zeros((1, 3)))


def test_feature_space_of_c5_and_f6(mnist):
    net = LeNet5(seed=0)
    for layer, d in (("c5", 120), ("f6", 84)):
        fs = an.feature_space(net, mnist.test_images, mnist.test_labels, layer, n=300)
        assert fs.pca.projected.shape == (300, 2) and fs.pca.components.shape == (2, d)
        assert len(set(fs.indices)) == 300
        np.testing.assert_array_equal(fs.labels, mnist.test_labels[fs.indices])
        feats, _ = an.layer_outputs(net, mnist.test_images[fs.indices], layer)
        ref = an.pca(feats)
        np.testing.assert_allclose(fs.pca.projected, ref.projected, atol=1e-5)


# ----------------------------------------------------------------------- data statistics

def test_class_counts_and_means():
    labels = np.array([0, 0, 3, 9, 3, 3])
    images = np.zeros((6, 28, 28), np.uint8)
    images[0] = 10
    images[1] = 30
    images[2:5:2] = 90
    images[4] = 0
    s = an.class_stats(images, labels)
    np.testing.assert_array_equal(s.counts, [2, 0, 0, 3, 0, 0, 0, 0, 0, 1])
    assert np.all(s.means[0] == 20) and np.all(s.means[1] == 0) and np.all(s.means[3] == 30)
    np.testing.assert_array_equal(s.order[3], [2, 4, 5])


# ----------------------------------------------------------------------- command line

def test_robustness_cli_prints_a_table(tmp_path, capsys):
    from lenet_gui.commands import main

    path = tmp_path / "net.npz"
    save_checkpoint(path, LeNet5(seed=0))
    assert main(["robustness", "--weights", str(path), "--limit", "100"]) == 0
    out = capsys.readouterr().out
    assert "Gaussian noise" in out and "rotation" in out and "shift" in out
    assert "thickness" in out and "threshold" in out
    assert "100 test images" in out
    assert out.count("%") > 25


def test_robustness_cli_bad_weights_is_one_line_error(tmp_path, capsys):
    from lenet_gui.commands import main

    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip file")
    assert main(["robustness", "--weights", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("lenet-gui robustness: error:") and "\n" not in err
    assert main(["robustness", "--weights", str(tmp_path / "missing.npz")]) == 1
    assert main(["robustness", "--limit", "0"]) == 1


def test_threshold_curve_matches_brute_force_with_ties(rng):
    conf = np.round(rng.random(400), 2)  # many ties: "answered" means conf ≥ threshold
    correct = rng.random(400) < 0.8
    c = an.threshold_curve(conf, correct)
    assert len(c.thresholds) == 1000
    for i in range(0, 1000, 37):
        mask = conf >= c.thresholds[i]
        assert c.answered[i] == pytest.approx(mask.mean())
        if mask.any():
            assert c.accuracy[i] == pytest.approx(correct[mask].mean())
        else:
            assert np.isnan(c.accuracy[i])


def test_robustness_sweep_in_chunks_equals_the_whole_set_at_once(mnist, monkeypatch):
    """Chunking the sweep (memory) changes no number: the same noise field, the same
    perturbed images, the same accuracies as one pass over the whole set."""
    net = LeNet5(seed=1)
    images, labels = mnist.test_images[:300], mnist.test_labels[:300]
    monkeypatch.setattr(an, "SWEEP_CHUNK", 1000)
    whole = an.robustness_sweep(net, images, labels)
    monkeypatch.setattr(an, "SWEEP_CHUNK", 64)
    chunked = an.robustness_sweep(net, images, labels)
    noise = np.random.default_rng(0).standard_normal(images.shape, dtype=np.float32)
    expect = (an.classify(net, an.add_noise(images, 100, noise=noise)).argmax(axis=1)
              == labels).mean()
    for a, b in zip(whole.curves, chunked.curves):
        np.testing.assert_array_equal(a.accuracy, b.accuracy)
        if a.perturbation.key == "noise":
            assert b.accuracy[list(b.levels).index(100)] == pytest.approx(expect)
