"""The What's This texts of the main window: its actions (toolbar and menus), the toolbar's
widgets, the status bar and the menus; the texts of the actions each dock has, with {title}
its title; and the language actions' text, with {language} the language's name."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

WINDOW_TEXTS: dict[str, str] = {
    # the training toolbar (and the Training menu)
    "train_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Train, pause or resume (Space). Training runs gradient descent on "
        "mini-batches, θ := θ − α·∂J/∂θ, in a background thread while the panels follow it."),
    "step_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Train exactly one mini-batch, one update θ := θ − α·δ(θ), then stay "
        "paused (→): watch what a single update changes."),
    "stop_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "End this training run (Ctrl+.). Its weights and curves stay in the Runs "
        "panel."),
    "reset_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Start a new run from the course's random initialisation (Ctrl+R): the "
        "loss starts again near ln 10 ≈ 2.3. The current run stays in the Runs panel."),
    "finetune_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "A new run that starts from a chosen run's weights and trains on My digits "
        "(some MNIST mixed in, C1…C5 frozen or not); the Fine-tuning panel then shows the "
        "accuracy before → after on held-out digits and on MNIST's test set."),
    "speed_label": QT_TRANSLATE_NOOP(
        "WhatsThis", "Slow motion: the slider beside sets a pause after each mini-batch."),
    "speed_slider": QT_TRANSLATE_NOOP(
        "WhatsThis", "Training speed: at the left, slow motion (about one mini-batch a second, "
        "to follow each update in the panels); at the right, full speed."),
    "speed_value": QT_TRANSLATE_NOOP(
        "WhatsThis", "The pause after each mini-batch that the speed slider sets."),
    "probe_label": QT_TRANSLATE_NOOP(
        "WhatsThis", "The probe sample: the one image whose feature maps, δ and "
        "backpropagation the panels show."),
    "probe_spin": QT_TRANSLATE_NOOP(
        "WhatsThis", "The index of the test image that is the probe sample of every panel "
        "(feature maps, δ heatmaps, stepper)."),
    "probe_image": QT_TRANSLATE_NOOP(
        "WhatsThis", "The probe sample as the network sees it: the 32×32 input x, background "
        "−0.1, ink 1.175."),
    "probe_text": QT_TRANSLATE_NOOP(
        "WhatsThis", "The probe's label z and the network's answer argmax y with its "
        "probability."),
    # the status bar
    "status_label": QT_TRANSLATE_NOOP(
        "WhatsThis", "Where the training is: epoch, mini-batch, samples per second and the "
        "time left."),
    "progress_bar": QT_TRANSLATE_NOOP(
        "WhatsThis", "Progress of the data load, or of the training run."),
    # the File menu
    "file_menu.menuAction()": QT_TRANSLATE_NOOP(
        "WhatsThis", "Workspaces, weights, pictures and the loss history, saved or opened."),
    "open_workspace_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Restore a saved workspace: the configuration, the weights θ and the loss "
        "history (Ctrl+O)."),
    "save_workspace_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Save the configuration, the weights θ and the loss history in one file "
        "(Ctrl+S)."),
    "open_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Load the weights w and biases b of every layer from a .npz checkpoint "
        "(Ctrl+Shift+O); the file is checked before anything changes."),
    "save_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Save the current weights w and biases b as a .npz checkpoint "
        "(Ctrl+Shift+S)."),
    "export_menu.menuAction()": QT_TRANSLATE_NOOP(
        "WhatsThis", "Save the window or one panel as a picture (PNG or SVG), or the loss "
        "history as a CSV table."),
    "export_window_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Save a picture of the whole window as PNG or SVG (Ctrl+E)."),
    "export_csv_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Save the loss J and accuracy curves as a CSV table (Ctrl+Shift+E)."),
    "quit_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Close the application; a training run stops and is saved first."),
    # the other menus
    "train_menu.menuAction()": QT_TRANSLATE_NOOP(
        "WhatsThis", "Train, step one mini-batch, stop, or start a new run."),
    "view_menu.menuAction()": QT_TRANSLATE_NOOP(
        "WhatsThis", "Show or hide each panel, choose the language, or put every panel back "
        "in its place."),
    "language_menu.menuAction()": QT_TRANSLATE_NOOP(
        "WhatsThis", "The language of the interface: English or Chinese, with the course's "
        "terms."),
    "reset_layout_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Put every panel back in its default place and size (Ctrl+Shift+R)."),
    "help_menu.menuAction()": QT_TRANSLATE_NOOP(
        "WhatsThis", "The keyboard shortcuts, What's This?, what each panel shows, and About."),
    "shortcuts_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "A table of every keyboard shortcut of the window (F1)."),
    "whats_this_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "What's This? (Shift+F1): the pointer becomes a question mark; click any "
        "control, plot or colour bar and it explains itself in the course's terms. Escape "
        "leaves the mode."),
    "panel_help_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "Explain the panel that has the keyboard focus: what it shows, the "
        "course's section and its formula (Ctrl+F1)."),
    "panel_help_menu.menuAction()": QT_TRANSLATE_NOOP(
        "WhatsThis", "What each panel shows, with the course's section and formula."),
    "about_action": QT_TRANSLATE_NOOP(
        "WhatsThis", "The version, the licences and the MNIST attribution."),
}

# The actions of each dock, {title} its title.
DOCK_TEXTS: dict[str, str] = {
    "toggle": QT_TRANSLATE_NOOP("WhatsThis", "Show or hide the {title} panel."),
    "png": QT_TRANSLATE_NOOP(
        "WhatsThis", "Save a picture of the {title} panel as PNG, in pixels, as it is on "
        "screen."),
    "svg": QT_TRANSLATE_NOOP(
        "WhatsThis", "Save a picture of the {title} panel as SVG, which scales without blur."),
    "help": QT_TRANSLATE_NOOP(
        "WhatsThis", "What the {title} panel shows, with the course's section and formula."),
}

LANGUAGE_TEXT = QT_TRANSLATE_NOOP(
    "WhatsThis", "Show the interface in {language}; every panel switches at once.")
