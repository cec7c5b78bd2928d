"""Every dock's content: one Panel (panels/_base.py) per file, the stepper and Explain small
packages. registry.py lists them; import a panel from its own module."""
