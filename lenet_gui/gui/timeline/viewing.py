"""The application model's viewing mode: the current run's timeline (its recorded snapshots)
and which moment of it the panels show. `view_batch(b)` puts the snapshot recorded at batch b
into the state, so every panel that reads "snapshot" shows that network; live snapshots that
arrive meanwhile (training goes on) are kept, not shown, and `back_to_live()` shows the newest
again. A mixin of AppState: it announces "timeline" when the timeline grows or the viewed
moment changes."""

from __future__ import annotations

import numpy as np

from lenet_gui.model import NetworkSnapshot


class TimelineViewMixin:
    """Viewing the past of the current run (AppState's part; needs `run`, `snapshot`,
    `_announce`, `_show_snapshot`)."""

    def _init_timeline_view(self) -> None:
        self.viewing: int | None = None  # the batch shown from the timeline; None: live
        self.live_snapshot = None  # the newest live snapshot (shown when viewing is None)
        # Changes whenever the shown snapshot comes from somewhere else (a scrub, back to
        # live, another run): a background job started before it never paints.
        self.view_generation = 0
        self._timeline_len = 0

    @property
    def timeline(self):
        """The current run's Timeline, or None when it records none."""
        run = self.run
        return None if run is None else getattr(run, "timeline", None)

    @property
    def timeline_batches(self) -> np.ndarray:
        tl = self.timeline
        return np.zeros(0, np.int64) if tl is None or len(tl) == 0 else tl.batches

    @property
    def viewing_index(self) -> int | None:
        """The index in the timeline of the viewed snapshot (None: live)."""
        if self.viewing is None or self.timeline is None:
            return None
        return self.timeline.index_at(self.viewing)

    def view_batch(self, batch: int) -> bool:
        """Show the snapshot recorded at `batch` (the nearest recorded one at or before it;
        the first when before all). False when the run has no timeline."""
        tl = self.timeline
        if tl is None or len(tl) == 0:
            return False
        return self.view_index(tl.index_at(int(batch)))

    def view_index(self, i: int) -> bool:
        tl = self.timeline
        if tl is None or len(tl) == 0:
            return False
        i = int(np.clip(i, 0, len(tl) - 1))
        batch = int(tl.batches[i])
        if self.viewing == batch:
            return True
        if self.viewing is None:
            self.live_snapshot = self.snapshot
        self.viewing = batch
        self.view_generation += 1
        self._show_snapshot(tl.snapshot(i, self.run.config))
        self._announce("timeline")
        return True

    def view_step(self, delta: int) -> bool:
        """The previous (−1) or next (+1) snapshot; from live, −1 is the newest recorded."""
        tl = self.timeline
        if tl is None or len(tl) == 0:
            return False
        i = self.viewing_index
        if i is None:
            return self.view_index(len(tl) - 1) if delta < 0 else False
        if i + delta >= len(tl):
            return False  # past the last recorded one: stay (Alt+L goes live)
        return self.view_index(i + delta)

    def back_to_live(self) -> None:
        """Show the newest live snapshot again."""
        if self.viewing is None:
            return
        self.viewing = None
        self.view_generation += 1
        live, self.live_snapshot = self.live_snapshot, None
        if live is not None:
            self._show_snapshot(live)
        self._announce("timeline")

    def _leave_view(self) -> None:
        """Another run (or weights) becomes current: the viewed past no longer applies."""
        if self.viewing is not None:
            self.viewing = None
            self.live_snapshot = None
            self._announce("timeline")
        self.view_generation += 1
        self._timeline_len = -1

    def _note_live_snapshot(self, snapshot: NetworkSnapshot) -> bool:
        """A live snapshot from the trainer: kept, and True when it should be shown."""
        if self.viewing is None:
            return True
        self.live_snapshot = snapshot
        return False

    def note_timeline(self) -> None:
        """Announce "timeline" when the current run's timeline has grown."""
        tl = self.timeline
        n = 0 if tl is None else len(tl)
        if n != self._timeline_len:
            self._timeline_len = n
            self._announce("timeline")

    @property
    def live_network(self) -> NetworkSnapshot | None:
        """The live weights, whatever is shown (training continues from these)."""
        return self.snapshot if self.viewing is None else self.live_snapshot
