"""Stage 2: the migration graph, the lightweight project state and the replay of the history."""

from reviewer.state.fields import FieldState
from reviewer.state.graph import OrderedHistory, order_history
from reviewer.state.project import ModelState, ProjectState
from reviewer.state.replay import MigrationEnd, MigrationStart, ReplayEvent, Step, replay

__all__ = [
    "FieldState",
    "MigrationEnd",
    "MigrationStart",
    "ModelState",
    "OrderedHistory",
    "ProjectState",
    "ReplayEvent",
    "Step",
    "order_history",
    "replay",
]
