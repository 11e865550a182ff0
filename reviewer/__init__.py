"""migreview: a migration-safety reviewer for Django that never executes the code it reviews."""

from reviewer.api import review_paths, review_sources
from reviewer.findings import Finding, Impact, Location, Severity, Suggestion
from reviewer.options import FailOn, ReviewOptions
from reviewer.result import ReviewResult
from reviewer.target import Backend, DatabaseTarget
from reviewer.version import VERSION

__version__ = VERSION

__all__ = [
    "Backend",
    "DatabaseTarget",
    "FailOn",
    "Finding",
    "Impact",
    "Location",
    "ReviewOptions",
    "ReviewResult",
    "Severity",
    "Suggestion",
    "review_paths",
    "review_sources",
]
