"""Training, evaluation and checkpoints. No Qt here."""

from .checkpoint import Checkpoint, CheckpointError, load_checkpoint, save_checkpoint
from .history import TrainingHistory
from .trainer import (
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
