"""The What's This texts of the panels: panel name -> attribute path -> source text (see the
package's docstring for the paths). One to three sentences each: what the widget shows or
does, in the course's notation, and the course's formula or section."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Widgets every panel of a kind has (JobPanel's progress and Cancel).
COMMON_TEXTS: dict[str, str] = {
    "progress": QT_TRANSLATE_NOOP(
        "WhatsThis", "Progress of this panel's background job. It runs outside the window's "
        "thread, so every panel keeps drawing meanwhile."),
    "cancel_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Stop this panel's background job. What the panel shows stays the result "
        "of the last finished job."),
}

SETTINGS = {
    "preset": QT_TRANSLATE_NOOP(
        "WhatsThis", "A named model configuration. \"course\" is the course's LeNet-5 (f = "
        "1.7159·tanh(2u/3), max-pooling in S2 and S4, C3 with Table 1, F7 linear into the "
        "softmax); \"course, f at F7\" applies f at F7 as the course writes it; \"LeNet-5 "
        "1998\" uses the paper's trainable sub-sampling a·Σ + b."),
    "activation": QT_TRANSLATE_NOOP(
        "WhatsThis", "The activation function f of every layer's neurons, y = f(Σ w·x + b) "
        "(course: 神经元 Neuron 基本概念). Backpropagation multiplies δ by f′(u) at each "
        "layer: the sigmoid's f′ ≤ ¼ makes δ vanish on the way down to C1."),
    "pooling": QT_TRANSLATE_NOOP(
        "WhatsThis", "How S2 and S4 sub-sample each 2×2 window: max-pooling (the course's "
        "choice: s2 = max of the window, and δ goes back through the mask msk1/msk3 to its "
        "first maximum), mean-pooling (¼·Σ), or LeNet 1998's trainable f(a·Σ + b)."),
    "c3": QT_TRANSLATE_NOOP(
        "WhatsThis", "Which S2 maps each C3 map reads: the course's Table 1 (60 of the 96 "
        "pairs; w3⁽ᵏ˒ᵐ⁾ = 0 for (k, m) ∉ Cbn, 1,516 parameters) or all 96 pairs (2,416 "
        "parameters). Course: Layer C3."),
    "f7": QT_TRANSLATE_NOOP(
        "WhatsThis", "Apply f at F7 before the softmax, f7 = f(u_f7), literally as the course "
        "writes it. Off by default: a bounded f caps the softmax output at y ≤ 0.775, so J ≥ "
        "0.255 even for a perfect answer, and the gradient never stops pushing."),
    "lr": QT_TRANSLATE_NOOP(
        "WhatsThis", "The learning rate α (学习速率) of the update rule θ := θ − α·∂J/∂θ "
        "(course: Gradient Descent 梯度下降算法). It takes effect at once; the warm-up and "
        "the cosine schedule scale it during a run."),
    "momentum": QT_TRANSLATE_NOOP(
        "WhatsThis", "The momentum μ of the update: v := μ·v − α·∂J/∂θ, θ := θ + v. Not in "
        "the course, whose plain gradient descent is μ = 0; it takes effect at once."),
    "batch_size": QT_TRANSLATE_NOOP(
        "WhatsThis", "Images per mini-batch. The course's J is per sample; training averages "
        "J over a mini-batch, so each update uses the batch's mean δ(θ). Applies to the next "
        "run."),
    "epochs": QT_TRANSLATE_NOOP(
        "WhatsThis", "How many passes over the training images a run makes. Applies to the "
        "next run."),
    "augment": QT_TRANSLATE_NOOP(
        "WhatsThis", "Random affine moves and elastic distortions of the training images, so "
        "the network sees more varied digits (not in the course). Applies to the next run."),
}

FEATURE_MAPS = {
    "views.x": QT_TRANSLATE_NOOP(
        "WhatsThis", "INPUT: the probe sample as the network reads it, 32×32 (MNIST's 28×28 "
        "padded by 2), background −0.1 and ink 1.175 (course: Layer INPUT). The colour bar "
        "gives each colour's value; hover a pixel for xᵢⱼ."),
    "views.c1": QT_TRANSLATE_NOOP(
        "WhatsThis", "C1's 6 feature maps (特征图) of 28×28, c1⁽ᵏ⁾ᵢⱼ = f(Σᵤᵥ w1⁽ᵏ⁾ᵤᵥ·"
        "x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + b1⁽ᵏ⁾): one 5×5 kernel slid over the input per map (course: "
        "Layer C1). The colour bar spans f's range; hover for a value, click a map to enlarge "
        "it."),
    "views.s2": QT_TRANSLATE_NOOP(
        "WhatsThis", "S2's 6 maps of 14×14: each value sub-samples (下采样) a 2×2 window of "
        "C1, s2⁽ᵏ⁾ᵢⱼ = max{c1⁽ᵏ⁾₂ᵢ₊ᵤ,₂ⱼ₊ᵥ} with max-pooling (course: Layer S2). The colour "
        "bar gives the values; click a map to enlarge it."),
    "views.c3": QT_TRANSLATE_NOOP(
        "WhatsThis", "C3's 16 maps of 10×10: map m sums 5×5 convolutions of the S2 maps k that "
        "Table 1 connects to it, c3⁽ᵐ⁾ᵢⱼ = f(Σₖ Σᵤᵥ w3⁽ᵏ˒ᵐ⁾ᵤᵥ·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + "
        "b3⁽ᵐ⁾) (course: Layer C3). Hover for a value, click a map to enlarge it."),
    "views.s4": QT_TRANSLATE_NOOP(
        "WhatsThis", "S4's 16 maps of 5×5: the 2×2 windows of C3 sub-sampled, s4⁽ᵏ⁾ᵢⱼ = "
        "max{c3⁽ᵏ⁾₂ᵢ₊ᵤ,₂ⱼ₊ᵥ} with max-pooling (course: Layer S4). The colour bar gives the "
        "values."),
    "views.c5": QT_TRANSLATE_NOOP(
        "WhatsThis", "C5's 120 outputs c5⁽ˡ⁾₀₀: each map is 1×1, a 5×5 convolution over all "
        "16 S4 maps (course: Layer C5). Drawn as a 10×12 grid, unit l = 12·row + column; "
        "hover for the unit and its value."),
    "views.f6": QT_TRANSLATE_NOOP(
        "WhatsThis", "F6's 84 outputs f6ᵢ = f(Σⱼ w6ᵢⱼ·c5⁽ʲ⁾₀₀ + b6ᵢ), fully connected to C5 "
        "(course: Layer F6). Drawn as a 7×12 grid, unit i = 12·row + column."),
    "f7_bars": QT_TRANSLATE_NOOP(
        "WhatsThis", "F7's 10 outputs, the softmax input: f7ᵢ = Σⱼ w7ᵢⱼ·f6ⱼ + b7ᵢ, with f "
        "applied only when \"f at F7\" is on (course: Layer F7). x axis: the digit i = 0…9; "
        "y axis: f7ᵢ."),
    "y_bars": QT_TRANSLATE_NOOP(
        "WhatsThis", "The softmax output yᵢ = e^f7ᵢ / Σⱼ e^f7ⱼ, the probability of each digit, "
        "summing to 1 (course: Layer Softmax). x axis: the digit; y axis: yᵢ from 0 to 1. "
        "Orange: the answer argmax y; black frame: the label z."),
}

KERNELS = {
    "views.c1": QT_TRANSLATE_NOOP(
        "WhatsThis", "C1's six 5×5 kernels (卷积核) w1⁽ᵏ⁾ᵤᵥ, u, v = −2…2, each shared by all "
        "28×28 positions of its feature map (共享权值; course: Layer C1). Diverging colours "
        "with symmetric levels: white is 0, the colour bar gives the values; click to "
        "enlarge."),
    "views.c3": QT_TRANSLATE_NOOP(
        "WhatsThis", "C3's kernels w3⁽ᵏ˒ᵐ⁾ laid out as Table 1: rows S2 map k = 0…5, columns "
        "C3 map m = 0…15. Hatched grey: the pair is not connected ((k, m) ∉ Cbn), so w3 = 0 "
        "and stays 0. White is 0; the colour bar gives the values."),
    "views.c5": QT_TRANSLATE_NOOP(
        "WhatsThis", "C5's kernels w5⁽ᵐ˒ˡ⁾ᵤᵥ: one block per S4 map m = 0…15; in a block, rows "
        "are the C5 units l = 0…119 and columns the 25 kernel elements (u, v), row by row "
        "(course: Layer C5, 48,120 parameters). White is 0."),
    "views.f6": QT_TRANSLATE_NOOP(
        "WhatsThis", "F6's weight matrix w6ᵢⱼ, 84×120: row i is F6 unit i, column j the C5 "
        "output it multiplies (course: Layer F6, 10,164 parameters with the biases). White "
        "is 0; the colour bar gives the values."),
    "views.f7": QT_TRANSLATE_NOOP(
        "WhatsThis", "F7's weight matrix w7ᵢⱼ, 10×84: row i is digit i's F7 unit, column j "
        "the F6 output it multiplies (course: Layer F7, 850 parameters with the biases). "
        "White is 0."),
}

DELTAS = {
    "views.u_c1": QT_TRANSLATE_NOOP(
        "WhatsThis", "δ(u) of C1, the input sensitivity (输入敏感值) of every C1 unit: "
        "δ(u_c1) = δ(c1)·f′(u_c1), where δ(c1) = msk1·δ(s2) comes back from S2 through the "
        "mask (course: Gradient in Layer S2, Layer C1). Diverging colours, white 0; the "
        "levels are ± the 99th percentile of |δ|."),
    "views.u_c3": QT_TRANSLATE_NOOP(
        "WhatsThis", "δ(u) of C3: δ(u_c3) = δ(c3)·f′(u_c3), where δ(c3) = msk3·δ(s4) comes "
        "back from S4 through the mask (course: Gradient in Layer S4, Layer C3). White is 0; "
        "the colour bar's levels are ± the 99th percentile of |δ|."),
    "views.u_c5": QT_TRANSLATE_NOOP(
        "WhatsThis", "δ(u) of C5's 120 units as a 10×12 grid: δ(u_c5) = δ(c5)·f′(u_c5), with "
        "δ(c5⁽ʲ⁾₀₀) = Σᵢ δ(u_f6ᵢ)·w6ᵢⱼ (course: Gradient in Layer F6, Layer C5). White is "
        "0."),
    "views.u_f6": QT_TRANSLATE_NOOP(
        "WhatsThis", "δ(u) of F6's 84 units as a 7×12 grid: δ(u_f6ᵢ) = δ(f6ᵢ)·f′(u_f6ᵢ), with "
        "δ(f6ⱼ) = Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ (course: Gradient in Layer F7, Layer F6). White is 0."),
    "f7_bars": QT_TRANSLATE_NOOP(
        "WhatsThis", "δ(u) of F7's 10 units: δ(f7ᵢ) = −(zᵢ − yᵢ) from the softmax, times "
        "f′(u_f7ᵢ) only when f is applied at F7 (course: Gradient in Softmax Net, Layer F7). "
        "x axis: the digit i; y axis: δ(u_f7ᵢ), negative for the label, positive for the "
        "others."),
    "views.w1": QT_TRANSLATE_NOOP(
        "WhatsThis", "δ(w) of C1's kernels, the weight sensitivity (权值敏感值): δ(w1⁽ᵏ⁾ᵤᵥ) "
        "= Σᵢⱼ δ(u_c1⁽ᵏ⁾ᵢⱼ)·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎, summed over the 784 positions that share the "
        "kernel (course: Gradient in Layer C1). The update moves w1 by −α times it."),
    "views.w3": QT_TRANSLATE_NOOP(
        "WhatsThis", "δ(w) of C3's kernels laid out as Table 1 (rows S2 map k, columns C3 map "
        "m): δ(w3⁽ᵏ˒ᵐ⁾ᵤᵥ) = Σᵢⱼ δ(u_c3⁽ᵐ⁾ᵢⱼ)·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎. Hatched pairs are "
        "outside Cbn, where δ(w3) = 0 (course: Gradient in Layer C3)."),
    "health_plot": QT_TRANSLATE_NOOP(
        "WhatsThis", "Layer health: the size ‖δ(w)‖ of each layer's weight gradient at every "
        "training step, one line per layer. x axis: the training step; y axis: ‖δ(w)‖ on a "
        "log scale. Lines sinking by decades toward C1 mean a vanishing gradient, steep "
        "climbs an exploding one."),
}

LOSS = {
    "log_box": QT_TRANSLATE_NOOP(
        "WhatsThis", "Draw the loss axis on a logarithmic scale: late in training J falls by "
        "decades, which a linear axis flattens into a line at 0."),
    "clear_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Forget the curves drawn so far. The run and its weights stay."),
    "plots": QT_TRANSLATE_NOOP(
        "WhatsThis", "Left: the cost J = −Σᵢ zᵢ·log yᵢ (cross entropy, 交叉熵; course: Cross "
        "Entropy Loss Function) of every mini-batch, raw and smoothed, with the test subset "
        "(dots) and the whole test set (squares). Right: the accuracy in %. x axes: the "
        "batch; y axes: J and the accuracy. Hover to read the values."),
}

CANVAS = {
    "area": QT_TRANSLATE_NOOP(
        "WhatsThis", "The canvas, 280×280 (ten times MNIST's 28×28): draw a digit with the "
        "left button, erase with the right. The drawing is cropped, fitted into 20×20, "
        "centred by its centre of mass and padded to the 32×32 input x, as MNIST was made "
        "(course: Layer INPUT)."),
    "pen_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Pen: the left button draws ink (the right button always erases)."),
    "erase_button": QT_TRANSLATE_NOOP("WhatsThis", "Eraser: the left button rubs ink out."),
    "width_slider": QT_TRANSLATE_NOOP(
        "WhatsThis", "The brush width in canvas pixels; ten canvas pixels make one pixel of "
        "the 28×28 image."),
    "undo_button": QT_TRANSLATE_NOOP("WhatsThis", "Undo the last stroke (Ctrl+Z)."),
    "clear_button": QT_TRANSLATE_NOOP("WhatsThis", "Wipe the canvas."),
    "load_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Put a PNG or JPEG picture of a digit on the canvas (light on dark or dark "
        "on light); it goes through the same preprocessing as a drawing."),
    "live_check": QT_TRANSLATE_NOOP(
        "WhatsThis", "Classify while the stroke is being drawn, up to 10 times a second, "
        "instead of when it ends."),
    "probe_check": QT_TRANSLATE_NOOP(
        "WhatsThis", "Make the drawing the probe sample: the feature maps, the δ heatmaps and "
        "the stepper then show what every layer makes of it."),
    "bars": QT_TRANSLATE_NOOP(
        "WhatsThis", "The softmax output y for the drawing: one bar per digit 0…9, yᵢ = "
        "e^f7ᵢ / Σⱼ e^f7ⱼ, summing to 100 %. The answer is argmax y (course: LeNet-5 运行方式), "
        "drawn in the accent colour."),
    "stage_images.*": QT_TRANSLATE_NOOP(
        "WhatsThis", "One preprocessing stage of the drawing, left to right: as drawn, "
        "cropped to its ink, fitted into 20×20, centred by its centre of mass in 28×28, and "
        "the network input x: 32×32, background −0.1, ink 1.175 (course: Layer INPUT)."),
}

ARCHITECTURE = {
    "figure": QT_TRANSLATE_NOOP(
        "WhatsThis", "LeNet-5 as the course's Figure 1: INPUT 32×32 → C1 6@28×28 → S2 "
        "6@14×14 → C3 16@10×10 → S4 16@5×5 → C5 120 → F6 84 → F7 10 → softmax y. Click a "
        "layer to select it in every panel."),
    "counts_table": QT_TRANSLATE_NOOP(
        "WhatsThis", "The trainable parameters (可训练参数) and connections of every layer, "
        "counted as the course counts them: C1 156 / 122,304, C3 1,516 / 151,600, C5 48,120, "
        "F6 10,164, F7 850. Click a row to select that layer in every panel."),
    "c3_table": QT_TRANSLATE_NOOP(
        "WhatsThis", "The course's Table 1: rows S2 map k, columns C3 map m; X: C3 map m reads "
        "S2 map k (the set Cbn, 60 of the 96 pairs). The course's written Cbn list repeats "
        "(5,14) and lacks (5,13); the table is the authority."),
}

STEPPER = {
    "index_spin": QT_TRANSLATE_NOOP(
        "WhatsThis", "The test image whose backpropagation is shown, by its index in the test "
        "set."),
    "random_button": QT_TRANSLATE_NOOP("WhatsThis", "Pick a random test image."),
    "probe_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Follow the probe sample of the other panels: a test image or the canvas "
        "drawing."),
    "label_combo": QT_TRANSLATE_NOOP(
        "WhatsThis", "The label z of the sample, the one-hot target in J = −Σᵢ zᵢ·log yᵢ. "
        "Choose another digit to see δ(f7) = −(z − y) and every δ below it change."),
    "refresh_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Re-read the current weights: a walk in progress keeps the weights it "
        "started with until you press this."),
    "first_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Go to the first step, the forward pass (Home)."),
    "prev_button": QT_TRANSLATE_NOOP("WhatsThis", "Go back one step (←)."),
    "next_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Go to the next step (→), in the course's order: forward pass, softmax, "
        "F7, F6, C5, S4, C3, S2, C1, then the update."),
    "last_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Go to the last step, the update θ := θ − α·δ(θ) (End)."),
    "play_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Play the steps one after another, at the speed set beside it."),
    "speed_spin": QT_TRANSLATE_NOOP("WhatsThis", "Seconds per step while playing."),
    "diagram": QT_TRANSLATE_NOOP(
        "WhatsThis", "Where the step is: INPUT → C1 → … → F7 → y, J. The current layer is "
        "highlighted; the arrows point the way the pass goes, forward or backward."),
    "views.*.1": QT_TRANSLATE_NOOP(
        "WhatsThis", "A quantity of this step, named above it, as a heatmap: weights and δ on "
        "diverging colours (white 0, saturating beyond the 99th percentile of |values|), "
        "activations on viridis; the colour bar gives the values. Click an entry to list the "
        "terms of its sum."),
    "terms_view": QT_TRANSLATE_NOOP(
        "WhatsThis", "The terms of the clicked entry's sum, e.g. δ(f6ⱼ) = Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ "
        "(并行多链): each term's value and factors, the largest first. On the update step: "
        "the parameters before and after θ := θ − α·δ(θ)."),
    "alpha_spin": QT_TRANSLATE_NOOP(
        "WhatsThis", "The learning rate α of this update step, θ := θ − α·δ(θ) (course: "
        "Gradient Descent 梯度下降算法). It changes only this demonstration, not the "
        "training."),
    "check_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Check the selected entry against a finite difference of J, computed in "
        "float64 on the same sample: backpropagation and the numerical derivative should "
        "agree to many digits."),
}

CONFUSION = {
    "evaluate_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Classify the 10,000 test images with the current weights and fill the "
        "matrix; the answer is argmax y (course: LeNet-5 运行方式)."),
    "order_box": QT_TRANSLATE_NOOP(
        "WhatsThis", "The order of a cell's images in the gallery: the most confident first, "
        "the least confident first, or test-set order."),
    "mistakes_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Show every wrong answer in the gallery, the most confident mistakes "
        "first."),
    "next_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "The next most confident mistake: selects its cell and image, and makes "
        "it the probe sample."),
    "gallery": QT_TRANSLATE_NOOP(
        "WhatsThis", "The test images of the chosen cell, each captioned \"true → predicted\" "
        "with the confidence max y; red captions are mistakes. Click one to make it the probe "
        "sample."),
    "plot": QT_TRANSLATE_NOOP(
        "WhatsThis", "The confusion matrix: y axis the true digit, x axis the predicted one; "
        "each cell counts test images, coloured on a log scale (the colour bar), so the "
        "mistakes show beside the large diagonal. Right column: accuracy per class; bottom "
        "row: precision. Click a cell to see its images."),
}

EXPLORER = {
    "split_box": QT_TRANSLATE_NOOP(
        "WhatsThis", "Which MNIST set to explore: the 10,000 test or the 60,000 training "
        "images (course: MNIST 手写数字数据集)."),
    "class_box": QT_TRANSLATE_NOOP("WhatsThis", "The digit whose images are listed."),
    "prev_button": QT_TRANSLATE_NOOP("WhatsThis", "The previous page of images."),
    "next_button": QT_TRANSLATE_NOOP("WhatsThis", "The next page of images."),
    "probe_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Make the selected image the probe sample of the other panels."),
    "counts_plot": QT_TRANSLATE_NOOP(
        "WhatsThis", "Images per class: x axis the digit 0…9, y axis how many images of it the "
        "chosen set holds. Click a bar to list that digit's images."),
    "means": QT_TRANSLATE_NOOP(
        "WhatsThis", "The mean image of every digit, in bytes 0…255 (the colour bar): what an "
        "average 0, 1, … 9 looks like. Click one to list that digit's images."),
    "browse": QT_TRANSLATE_NOOP(
        "WhatsThis", "A page of the chosen digit's images. Click one to select it: it then "
        "shows below as raw bytes and as the network's input."),
    "raw": QT_TRANSLATE_NOOP(
        "WhatsThis", "The selected image as MNIST stores it: 28×28 bytes, 0 background to "
        "255 ink (the colour bar); hover for a byte."),
    "net_input": QT_TRANSLATE_NOOP(
        "WhatsThis", "The same image as the network reads it: padded to 32×32 and mapped to "
        "x = −0.1 + 1.275·byte/255, background −0.1 and ink 1.175 (course: Layer INPUT)."),
}

ROBUSTNESS = {
    "count_box": QT_TRANSLATE_NOOP(
        "WhatsThis", "How many test images (the first N) are perturbed and classified at every "
        "level."),
    "run_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Perturb the test images at every level (noise, rotation, shift, stroke "
        "thickness) and classify them with the current weights."),
    "layout_widget": QT_TRANSLATE_NOOP(
        "WhatsThis", "Accuracy under perturbations (not in the course): one plot each for "
        "noise, rotation, shift and stroke thickness, x axis the level, y axis the accuracy "
        "in %. The wide plot: for a confidence threshold on max y (x axis), the share of "
        "images answered and the accuracy among them (y axis, %)."),
    "slider": QT_TRANSLATE_NOOP(
        "WhatsThis", "The confidence threshold on max y: below it the network answers \"I don't "
        "know\". Beside it: how many images are answered, and how many of those are right."),
}

FEATURE_SPACE = {
    "layer_box": QT_TRANSLATE_NOOP(
        "WhatsThis", "The layer whose outputs are projected: C5's 120 or F6's 84 values per "
        "image (course: Layer C5, Layer F6)."),
    "count_box": QT_TRANSLATE_NOOP("WhatsThis", "How many test images are projected."),
    "run_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Compute the layer's outputs for the test images and their principal "
        "components (PCA)."),
    "plot": QT_TRANSLATE_NOOP(
        "WhatsThis", "Every test image as a point: its C5 or F6 output projected onto the first "
        "two principal components (x axis PC1, y axis PC2, each with its share of the "
        "variance), coloured by the true digit. Ringed: mistakes; red +: the probe. Hover for "
        "the image, click to make it the probe."),
}

RUNS = {
    "table": QT_TRANSLATE_NOOP(
        "WhatsThis", "Every training run: its configuration in the course's words, epochs, "
        "best test accuracy, time and speed. ▶ marks the current run, ✎ the canvas's model; "
        "select two or more to overlay their curves."),
    "buttons.continue": QT_TRANSLATE_NOOP(
        "WhatsThis", "Make the selected run the current one: Train continues it from its "
        "weights."),
    "buttons.new": QT_TRANSLATE_NOOP(
        "WhatsThis", "Start a new run from the course's random initialisation; the other runs "
        "are kept."),
    "buttons.canvas": QT_TRANSLATE_NOOP(
        "WhatsThis", "Classify the canvas's drawings with the selected run's weights."),
    "buttons.rename": QT_TRANSLATE_NOOP("WhatsThis", "Give the selected run another name."),
    "buttons.delete": QT_TRANSLATE_NOOP(
        "WhatsThis", "Delete the selected run, after asking; Undo brings it back until the "
        "application closes."),
    "buttons.undo": QT_TRANSLATE_NOOP("WhatsThis", "Bring back the last deleted run."),
    "buttons.export": QT_TRANSLATE_NOOP(
        "WhatsThis", "Save the selected run as a workspace file: configuration, weights and "
        "curves."),
    "experiment_combo": QT_TRANSLATE_NOOP(
        "WhatsThis", "One of the course's questions (Table 1 or a full C3, the sub-sampling, "
        "f, f at F7, the learning rate α): a set of runs that differ in that one choice."),
    "experiment_button": QT_TRANSLATE_NOOP(
        "WhatsThis", "Run the chosen experiment: its runs train one after another with the "
        "same seed and data, and their curves overlay."),
    "plots": QT_TRANSLATE_NOOP(
        "WhatsThis", "The selected runs' curves. Top: the smoothed cost J; bottom: the test "
        "accuracy in %; x axes: the batch. The legend names only what differs between the "
        "runs."),
}

PANEL_TEXTS: dict[str, dict[str, str]] = {
    "settings": SETTINGS,
    "feature_maps": FEATURE_MAPS,
    "kernels": KERNELS,
    "deltas": DELTAS,
    "loss": LOSS,
    "canvas": CANVAS,
    "architecture": ARCHITECTURE,
    "stepper": STEPPER,
    "confusion": CONFUSION,
    "explorer": EXPLORER,
    "robustness": ROBUSTNESS,
    "feature_space": FEATURE_SPACE,
    "runs": RUNS,
}
