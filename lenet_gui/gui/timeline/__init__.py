"""The GUI of a run's timeline: the state's viewing mode, the slider under the loss curve,
replay, the banner, the shortcuts, and a panel over a range of batches as an animation."""
