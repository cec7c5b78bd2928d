"""`python main.py [COMMAND …]`: the same as the `lenet-gui` command."""

from lenet_gui.commands import main

if __name__ == "__main__":
    raise SystemExit(main())
