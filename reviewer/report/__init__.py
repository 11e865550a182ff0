"""Stage 5: reporters. They format a ReviewResult; they never decide anything."""

from reviewer.report.json_report import render_json, result_to_dict
from reviewer.report.text import render_text

__all__ = ["render_json", "render_text", "result_to_dict"]
