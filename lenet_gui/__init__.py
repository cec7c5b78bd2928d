"""LeNet-5 Studio: watch the course's LeNet-5 learn."""

__version__ = "0.1.0"
