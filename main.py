"""`python main.py [COMMAND …]`: the same as the `lenet-gui` command."""

from lenet_gui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
