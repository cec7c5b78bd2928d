"""Training, evaluation and checkpoints. No Qt here."""

from lenet_gui.train.checkpoint import Checkpoint, CheckpointError, load_checkpoint, save_checkpoint
from lenet_gui.train.history import TrainingHistory
from lenet_gui.train.trainer import (
    EvalResult,
    RunControl,
    StepReport,
    TrainConfig,
    Trainer,
    evaluate,
    learning_rate_at,
    train_steps,
)

__all__ = ["Checkpoint", "CheckpointError", "EvalResult", "RunControl", "StepReport",
           "TrainConfig", "Trainer", "TrainingHistory", "evaluate", "learning_rate_at", "load_checkpoint",
           "save_checkpoint", "train_steps"]
